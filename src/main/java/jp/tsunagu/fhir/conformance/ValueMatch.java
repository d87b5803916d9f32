package jp.tsunagu.fhir.conformance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Property;
import org.jspecify.annotations.Nullable;

/**
 * A {@code fixed[x]} or {@code pattern[x]} value compiled into the few property look-ups an instance needs, so
 * that a check walks no definitions. Pattern semantics: every element present in the pattern must be present
 * and equal in the instance (for repeating elements: each pattern item matches some instance item). A complex
 * {@code fixed[x]} (the packages have two, both Codings) is checked with pattern semantics too: an instance
 * with an extra element is accepted, which errs on the side of the sender.
 */
final class ValueMatch {

    private record Part(String name, int hash, List<ValueMatch> items) {
    }

    private final String type;
    private final @Nullable String primitive;
    private final List<Part> parts;
    private final String description;

    private ValueMatch(Base value) {
        this.type = value.fhirType();
        this.description = describe(value);
        if (value.isPrimitive()) {
            this.primitive = value.primitiveValue();
            this.parts = List.of();
        } else {
            this.primitive = null;
            List<Part> parts = new ArrayList<>();
            for (Property property : value.children()) {
                List<ValueMatch> items = new ArrayList<>();
                for (Base item : property.getValues()) {
                    if (item != null && !item.isEmpty()) {
                        items.add(new ValueMatch(item));
                    }
                }
                if (!items.isEmpty()) {
                    String name = property.getName().replace("[x]", "");
                    parts.add(new Part(name, name.hashCode(), List.copyOf(items)));
                }
            }
            this.parts = List.copyOf(parts);
        }
    }

    static ValueMatch of(Base value) {
        return new ValueMatch(value);
    }

    boolean matches(Base instance) {
        if (primitive != null) {
            return instance.isPrimitive() && samePrimitive(instance.primitiveValue());
        }
        for (Part part : parts) {
            Base[] values = instance.getProperty(part.hash, part.name, false);
            if (values == null) {
                return false;
            }
            for (ValueMatch item : part.items) {
                boolean found = false;
                for (Base value : values) {
                    if (value != null && item.matches(value)) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean samePrimitive(@Nullable String value) {
        if (value == null) {
            return false;
        }
        if (type.equals("decimal")) {
            try {
                return new BigDecimal(value).compareTo(new BigDecimal(primitive)) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return value.equals(primitive);
    }

    /** How the expected value reads in a message to a hospital integrator. */
    String description() {
        return description;
    }

    static String describe(Base value) {
        return switch (value) {
            case Coding coding -> (coding.hasSystem() ? coding.getSystem() + "|" : "") + coding.getCode();
            case CodeableConcept concept -> concept.hasCoding()
                    ? concept.getCoding().stream().map(ValueMatch::describe).collect(Collectors.joining(", "))
                    : String.valueOf(concept.getText());
            default -> value.isPrimitive() ? String.valueOf(value.primitiveValue()) : value.fhirType();
        };
    }
}
