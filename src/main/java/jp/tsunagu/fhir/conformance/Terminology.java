package jp.tsunagu.fhir.conformance;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.jspecify.annotations.Nullable;

/**
 * Value sets expanded as far as the packages allow, once at load. The terminology package is not available,
 * so an include of a whole code system the packages do not define cannot be checked (the caller warns), and
 * an include by {@code filter} is not evaluated at all (codes of that system are neither accepted nor refused).
 */
final class Terminology {

    enum Membership {
        IN, NOT_IN, UNKNOWN_SYSTEM, UNDECIDABLE
    }

    private static final String BASE_VALUE_SETS = "http://hl7.org/fhir/ValueSet/";
    private static final int MAX_IMPORT_DEPTH = 8;

    private final PackageContent content;
    private final Map<String, Optional<ValueSetCodes>> compiled = new HashMap<>();

    Terminology(PackageContent content) {
        this.content = content;
    }

    /** The codes of a value set, or null when neither the packages nor HAPI know it. Called at load only. */
    @Nullable ValueSetCodes valueSet(String reference) {
        return compile(PackageContent.canonical(reference), 0);
    }

    private @Nullable ValueSetCodes compile(String url, int depth) {
        Optional<ValueSetCodes> known = compiled.get(url);
        if (known != null) {
            return known.orElse(null);
        }
        ValueSet source = content.valueSets.get(url);
        ValueSetCodes codes = source != null ? expand(source, depth) : fromHapiEnum(url);
        compiled.put(url, Optional.ofNullable(codes));
        return codes;
    }

    private ValueSetCodes expand(ValueSet source, int depth) {
        ValueSetCodes codes = new ValueSetCodes(source.getUrl(), source.hasName() ? source.getName() : source.getUrl());
        for (ValueSet.ConceptSetComponent include : source.getCompose().getInclude()) {
            for (var imported : include.getValueSet()) {
                ValueSetCodes other = depth < MAX_IMPORT_DEPTH && imported.hasValue()
                        ? compile(PackageContent.canonical(imported.getValue()), depth + 1) : null;
                if (other == null) {
                    codes.open = true;
                } else {
                    codes.addAll(other);
                }
            }
            if (!include.hasSystem()) {
                continue;
            }
            String system = include.getSystem();
            if (include.hasFilter()) {
                codes.undecidable.add(system);
            } else if (include.hasConcept()) {
                Set<String> listed = codes.listed(system);
                include.getConcept().forEach(concept -> listed.add(concept.getCode()));
            } else {
                CodeSystem codeSystem = content.codeSystems.get(system);
                if (codeSystem == null) {
                    codes.unknown.add(system);
                } else {
                    addConcepts(codeSystem.getConcept(), codes.listed(system));
                    // A fragment, or a placeholder with no concepts, does not say which codes are missing.
                    if (codeSystem.getContent() != CodeSystem.CodeSystemContentMode.COMPLETE
                            || !codeSystem.hasConcept()) {
                        codes.undecidable.add(system);
                    }
                }
            }
        }
        // Exclusions are not evaluated: the packages use none, and a missed exclusion only accepts too much.
        return codes;
    }

    private static void addConcepts(List<CodeSystem.ConceptDefinitionComponent> concepts, Set<String> into) {
        for (CodeSystem.ConceptDefinitionComponent concept : concepts) {
            into.add(concept.getCode());
            addConcepts(concept.getConcept(), into);
        }
    }

    /**
     * Base R4 value sets bound as required on coded concepts in the packages (condition-clinical,
     * allergyintolerance-verification, ...) each hold all codes of the code system of the same name, which
     * HAPI ships as an enum ({@code org.hl7.fhir.r4.model.codesystems.ConditionClinical}). Plain {@code code}
     * elements need none of this: HAPI's parser already refuses codes outside their enum.
     */
    private static @Nullable ValueSetCodes fromHapiEnum(String url) {
        if (!url.startsWith(BASE_VALUE_SETS)) {
            return null;
        }
        String tail = url.substring(BASE_VALUE_SETS.length());
        StringBuilder name = new StringBuilder("org.hl7.fhir.r4.model.codesystems.");
        for (String part : tail.split("-")) {
            if (!part.isEmpty()) {
                name.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        try {
            Class<?> type = Class.forName(name.toString());
            if (!type.isEnum()) {
                return null;
            }
            Method toCode = type.getMethod("toCode");
            Method system = type.getMethod("getSystem");
            ValueSetCodes codes = new ValueSetCodes(url, tail);
            for (Object constant : type.getEnumConstants()) {
                if (!((Enum<?>) constant).name().equals("NULL")) {
                    codes.listed((String) system.invoke(constant)).add((String) toCode.invoke(constant));
                }
            }
            return codes;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** The expansion of one value set, as far as it could be made. Read-only after load. */
    static final class ValueSetCodes {

        final String url;
        final String name;
        private final Map<String, Set<String>> codes = new HashMap<>();
        private final Set<String> unknown = new HashSet<>();
        private final Set<String> undecidable = new HashSet<>();
        private boolean open;

        ValueSetCodes(String url, String name) {
            this.url = url;
            this.name = name;
        }

        private Set<String> listed(String system) {
            return codes.computeIfAbsent(system, s -> new HashSet<>());
        }

        private void addAll(ValueSetCodes other) {
            other.codes.forEach((system, listed) -> listed(system).addAll(listed));
            unknown.addAll(other.unknown);
            undecidable.addAll(other.undecidable);
            open |= other.open;
        }

        /** Whether a code (with its system, or null for a bare {@code code} element) is in the value set. */
        Membership member(@Nullable String system, @Nullable String code) {
            if (code == null) {
                return Membership.UNDECIDABLE;
            }
            if (system == null) {
                for (Set<String> listed : codes.values()) {
                    if (listed.contains(code)) {
                        return Membership.IN;
                    }
                }
                return open || !undecidable.isEmpty() ? Membership.UNDECIDABLE
                        : !unknown.isEmpty() ? Membership.UNKNOWN_SYSTEM : Membership.NOT_IN;
            }
            Set<String> listed = codes.get(system);
            if (listed != null && listed.contains(code)) {
                return Membership.IN;
            }
            if (undecidable.contains(system) || open) {
                return Membership.UNDECIDABLE;
            }
            if (unknown.contains(system)) {
                return Membership.UNKNOWN_SYSTEM;
            }
            return Membership.NOT_IN;
        }
    }
}
