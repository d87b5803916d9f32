package jp.tsunagu.fhir.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceFactory;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.Type;
import org.hl7.fhir.r4.model.ValueSet;
import org.jspecify.annotations.Nullable;

/**
 * The conformance resources of the packages, by canonical URL: structure definitions, value sets and code
 * systems (the examples and search parameters are not needed).
 *
 * <p>They are read with Jackson into HAPI model objects holding only what the checker uses. HAPI's own parser
 * would take several seconds over the 20 MB of JSON, most of it prose in five large snapshots; this way the
 * packages load in about one. A property the reader does not know is ignored, as a lenient parser would.
 */
final class PackageContent {

    /** The portal's copies of the standards' packages, in the order their canonical URLs take precedence. */
    static final List<String> PACKAGES = List.of("/fhir-packages/jp-clins.r4-1.5.2.tgz",
            "/fhir-packages/jp-core.r4-1.1.2.tgz");

    private static final String FHIR_TYPE = "http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    final Map<String, StructureDefinition> structures = new HashMap<>();
    final Map<String, ValueSet> valueSets = new HashMap<>();
    final Map<String, CodeSystem> codeSystems = new HashMap<>();

    private final FhirContext fhir;

    private PackageContent(FhirContext fhir) {
        this.fhir = fhir;
    }

    static PackageContent load(FhirContext fhir) {
        PackageContent content = new PackageContent(fhir);
        List<byte[]> files = new ArrayList<>();
        for (String archive : PACKAGES) {
            try {
                PackageArchive.read(archive).forEach((name, bytes) -> {
                    String file = name.substring(name.lastIndexOf('/') + 1);
                    if (file.startsWith("StructureDefinition-") || file.startsWith("ValueSet-")
                            || file.startsWith("CodeSystem-")) {
                        files.add(bytes);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // One thread: this runs beside the portal's start-up and first requests, and takes about a second anyway.
        files.forEach(bytes -> content.add(content.read(bytes)));
        return content;
    }

    private Resource read(byte[] bytes) {
        JsonNode json;
        try {
            json = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return switch (json.path("resourceType").asText()) {
            case "StructureDefinition" -> structure(json);
            case "ValueSet" -> valueSet(json);
            case "CodeSystem" -> codeSystem(json);
            default -> new Parameters();
        };
    }

    private void add(Resource resource) {
        switch (resource) {
            case StructureDefinition sd when sd.hasUrl() -> structures.putIfAbsent(sd.getUrl(), sd);
            case ValueSet vs when vs.hasUrl() -> valueSets.putIfAbsent(vs.getUrl(), vs);
            case CodeSystem cs when cs.hasUrl() -> codeSystems.putIfAbsent(cs.getUrl(), cs);
            default -> {
            }
        }
    }

    private StructureDefinition structure(JsonNode json) {
        StructureDefinition profile = new StructureDefinition();
        profile.setUrl(text(json, "url"));
        profile.setName(text(json, "name"));
        profile.setType(text(json, "type"));
        profile.setBaseDefinition(text(json, "baseDefinition"));
        profile.setKind(code(json, "kind", StructureDefinition.StructureDefinitionKind::fromCode));
        profile.setDerivation(code(json, "derivation", StructureDefinition.TypeDerivationRule::fromCode));
        if (json.has("snapshot")) {
            json.path("snapshot").path("element").forEach(e -> profile.getSnapshot().addElement(element(e)));
        } else {
            json.path("differential").path("element").forEach(e -> profile.getDifferential().addElement(element(e)));
        }
        return profile;
    }

    private ElementDefinition element(JsonNode json) {
        ElementDefinition element = new ElementDefinition();
        element.setId(text(json, "id"));
        element.setPath(text(json, "path"));
        element.setSliceName(text(json, "sliceName"));
        if (json.path("min").canConvertToInt()) {
            element.setMin(json.path("min").asInt());
        }
        element.setMax(text(json, "max"));
        for (JsonNode type : json.path("type")) {
            String code = text(type, "code");
            for (JsonNode extension : type.path("extension")) {
                if (FHIR_TYPE.equals(text(extension, "url"))) {
                    code = text(extension, "valueUrl");
                }
            }
            ElementDefinition.TypeRefComponent ref = element.addType().setCode(code);
            type.path("profile").forEach(profile -> ref.addProfile(profile.asText()));
        }
        json.fields().forEachRemaining(field -> {
            if (field.getKey().startsWith("fixed")) {
                element.setFixed(value(field.getKey().substring("fixed".length()), field.getValue()));
            } else if (field.getKey().startsWith("pattern")) {
                element.setPattern(value(field.getKey().substring("pattern".length()), field.getValue()));
            }
        });
        JsonNode binding = json.path("binding");
        if (binding.isObject()) {
            element.getBinding().setStrength(code(binding, "strength", Enumerations.BindingStrength::fromCode))
                    .setValueSet(text(binding, "valueSet"));
        }
        for (JsonNode constraint : json.path("constraint")) {
            element.addConstraint().setKey(text(constraint, "key")).setHuman(text(constraint, "human"))
                    .setExpression(text(constraint, "expression"))
                    .setSeverity(code(constraint, "severity", ElementDefinition.ConstraintSeverity::fromCode));
        }
        JsonNode slicing = json.path("slicing");
        if (slicing.isObject()) {
            ElementDefinition.ElementDefinitionSlicingComponent component = element.getSlicing()
                    .setRules(code(slicing, "rules", ElementDefinition.SlicingRules::fromCode));
            for (JsonNode discriminator : slicing.path("discriminator")) {
                component.addDiscriminator().setPath(text(discriminator, "path"))
                        .setType(code(discriminator, "type", ElementDefinition.DiscriminatorType::fromCode));
            }
        }
        return element;
    }

    /** A fixed or pattern value: primitives directly, the few complex ones through HAPI's parser. */
    private @Nullable Type value(String type, JsonNode json) {
        try {
            if (!json.isContainerNode()) {
                Element value = ResourceFactory.createType(type.substring(0, 1).toLowerCase(Locale.ROOT)
                        + type.substring(1));
                if (value instanceof PrimitiveType<?> primitive) {
                    primitive.setValueAsString(json.asText());
                    return primitive;
                }
                return null;
            }
            ObjectNode parameter = JsonNodeFactory.instance.objectNode().put("name", "value");
            parameter.set("value" + type, json);
            ObjectNode parameters = JsonNodeFactory.instance.objectNode().put("resourceType", "Parameters");
            parameters.putArray("parameter").add(parameter);
            return fhir.newJsonParser().parseResource(Parameters.class, parameters.toString())
                    .getParameterFirstRep().getValue();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ValueSet valueSet(JsonNode json) {
        ValueSet valueSet = new ValueSet();
        valueSet.setUrl(text(json, "url"));
        valueSet.setName(text(json, "name"));
        for (JsonNode include : json.path("compose").path("include")) {
            ValueSet.ConceptSetComponent component = valueSet.getCompose().addInclude();
            component.setSystem(text(include, "system"));
            include.path("concept").forEach(concept -> component.addConcept().setCode(text(concept, "code")));
            // Filters are not evaluated (see Terminology); only that there is one matters.
            include.path("filter").forEach(filter -> component.addFilter()
                    .setProperty(String.valueOf(text(filter, "property"))));
            include.path("valueSet").forEach(imported -> component.addValueSet(imported.asText()));
        }
        return valueSet;
    }

    private static CodeSystem codeSystem(JsonNode json) {
        CodeSystem codeSystem = new CodeSystem();
        codeSystem.setUrl(text(json, "url"));
        codeSystem.setName(text(json, "name"));
        codeSystem.setContent(code(json, "content", CodeSystem.CodeSystemContentMode::fromCode));
        concepts(json.path("concept"), codeSystem.getConcept());
        return codeSystem;
    }

    private static void concepts(JsonNode json, List<CodeSystem.ConceptDefinitionComponent> into) {
        for (JsonNode concept : json) {
            CodeSystem.ConceptDefinitionComponent component = new CodeSystem.ConceptDefinitionComponent()
                    .setCode(text(concept, "code"));
            into.add(component);
            concepts(concept.path("concept"), component.getConcept());
        }
    }

    private static @Nullable String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static <T> @Nullable T code(JsonNode json, String field, CodeParser<T> parser) {
        String code = text(json, field);
        try {
            return code == null ? null : parser.parse(code);
        } catch (Exception e) {
            return null;
        }
    }

    @FunctionalInterface
    private interface CodeParser<T> {
        T parse(String code) throws Exception;
    }

    /** A canonical reference without its {@code |version}. */
    static String canonical(String reference) {
        int bar = reference.indexOf('|');
        return bar < 0 ? reference : reference.substring(0, bar);
    }
}
