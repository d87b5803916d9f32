package jp.tsunagu.fhir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * Thousands of randomly broken copies of the JP Core examples (elements removed, duplicated, emptied or given
 * odd values, unknown profiles and extensions, contained resources nested deep, null items in lists): the check
 * never throws and never fails inside.
 */
class ConformanceGarbageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int COPIES = 3000;
    private static final List<String> PROFILES = List.of(
            "http://jpfhir.jp/fhir/eCS/StructureDefinition/JP_Condition_eCS",
            "http://jpfhir.jp/fhir/eCS/StructureDefinition/JP_Observation_LabResult_eCS",
            "http://jpfhir.jp/fhir/eCS/StructureDefinition/JP_MedicationRequest_eCS",
            "http://jpfhir.jp/fhir/eCS/StructureDefinition/JP_Patient_eCS",
            "http://jpfhir.jp/fhir/eCS/StructureDefinition/JP_Encounter_eCS",
            "http://jpfhir.jp/fhir/eCS/StructureDefinition/JP_AllergyIntolerance_eCS",
            "http://jpfhir.jp/fhir/eReferral/StructureDefinition/JP_Composition_eReferral",
            "http://jpfhir.jp/fhir/clins/StructureDefinition/JP_Bundle_CLINS",
            "http://jpfhir.jp/fhir/core/StructureDefinition/JP_MedicationRequest",
            "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_LabResult",
            "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient|1.1.2",
            "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Patient_Race",
            "http://example.org/StructureDefinition/unknown", "", "not a url");
    private static final List<String> EXTENSIONS = List.of(
            "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_MedicationDosage_PeriodOfUse",
            "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Patient_Race",
            "http://jpfhir.jp/fhir/eCS/Extension/StructureDefinition/JP_eCS_InstitutionNumber",
            "http://hl7.org/fhir/StructureDefinition/patient-religion", "http://example.org/ext", "relative");
    private static final List<JsonNode> ODD_VALUES = List.of(NODES.textNode(""), NODES.textNode(" "),
            NODES.textNode("\u0000\uFFFF"), NODES.textNode("x".repeat(5000)), NODES.numberNode(0),
            NODES.numberNode(-1), NODES.numberNode(1e308), NODES.booleanNode(true), NODES.arrayNode(),
            NODES.objectNode(), NODES.nullNode(), NODES.textNode("１２３"), NODES.textNode("2024-13-45"));

    @Test
    void mutatedExamples_neverMakeTheCheckThrowOrFail() throws IOException {
        Conformance conformance = TestPackages.conformance();
        List<ObjectNode> seeds = new ArrayList<>();
        for (Resource example : TestPackages.jpCoreExamples().values()) {
            seeds.add((ObjectNode) JSON.readTree(TestPackages.FHIR.newJsonParser().encodeResourceToString(example)));
        }
        SplittableRandom random = new SplittableRandom(20261207);
        Map<String, Integer> outcome = new TreeMap<>();
        for (int i = 0; i < COPIES; i++) {
            ObjectNode document = seeds.get(random.nextInt(seeds.size())).deepCopy();
            for (int m = 1 + random.nextInt(6); m > 0; m--) {
                try {
                    mutate(document, seeds, random);
                } catch (UnsupportedOperationException e) {
                    // an earlier mutation left no object or array where this one adds to: no change this time
                }
            }
            Resource resource;
            try {
                resource = (Resource) TestPackages.FHIR.newJsonParser()
                        .setParserErrorHandler(new LenientErrorHandler(false)).parseResource(document.toString());
            } catch (RuntimeException e) {
                outcome.merge("not parseable", 1, Integer::sum);
                continue;
            }
            if (random.nextInt(4) == 0) {
                insertNull(resource, random);
            }
            List<Finding> findings = conformance.check(resource);
            assertThat(findings).as(document.toString()).noneMatch(f -> f.messageKey().equals(Conformance.CHECK_FAILED));
            outcome.merge(findings.isEmpty() ? "no findings" : "findings", 1, Integer::sum);
        }
        System.out.println(COPIES + " mutated copies: " + outcome);
        assertThat(outcome.getOrDefault("findings", 0) + outcome.getOrDefault("no findings", 0))
                .isGreaterThan(COPIES / 2);
    }

    private static void mutate(ObjectNode document, List<ObjectNode> seeds, SplittableRandom random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(document, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        switch (random.nextInt(8)) {
            case 0 -> remove(target, random);
            case 1 -> {
                if (target instanceof ArrayNode array && !array.isEmpty()) {
                    array.add(array.get(random.nextInt(array.size())).deepCopy());
                }
            }
            case 2 -> setOdd(target, random);
            case 3 -> document.withObject("meta").withArray("profile")
                    .add(PROFILES.get(random.nextInt(PROFILES.size())));
            case 4 -> {
                ObjectNode inner = seeds.get(random.nextInt(seeds.size())).deepCopy();
                inner.set("contained", NODES.arrayNode().add(document.deepCopy()));
                document.withArray("contained").add(inner);
            }
            case 5 -> {
                ObjectNode extension = NODES.objectNode().put("url", EXTENSIONS.get(random.nextInt(EXTENSIONS.size())));
                switch (random.nextInt(4)) {
                    case 0 -> extension.put("valueString", "x");
                    case 1 -> extension.set("valueCodeableConcept", NODES.objectNode().put("text", "x"));
                    case 2 -> extension.set("valuePeriod", NODES.objectNode().put("start", "2020-01-01"));
                    default -> extension.withArray("extension").add(NODES.objectNode().put("url", "lineNumber")
                            .put("valueInteger", 1));
                }
                (target instanceof ObjectNode object ? object : document).withArray("extension").add(extension);
            }
            case 6 -> document.set("meta", NODES.objectNode());
            default -> {
                if (target instanceof ObjectNode object && object.size() > 1) {
                    Iterator<String> names = object.fieldNames();
                    String first = names.next();
                    String second = names.next();
                    JsonNode value = object.get(first);
                    object.set(first, object.get(second));
                    object.set(second, value);
                }
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            node.elements().forEachRemaining(child -> collect(child, into));
        }
    }

    private static void remove(JsonNode target, SplittableRandom random) {
        if (target instanceof ObjectNode object && object.size() > 1) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            if (!name.equals("resourceType")) {
                object.remove(name);
            }
        } else if (target instanceof ArrayNode array && !array.isEmpty()) {
            array.remove(random.nextInt(array.size()));
        }
    }

    private static void setOdd(JsonNode target, SplittableRandom random) {
        JsonNode odd = ODD_VALUES.get(random.nextInt(ODD_VALUES.size()));
        if (target instanceof ObjectNode object && object.size() > 1) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            if (!name.equals("resourceType")) {
                object.set(name, odd);
            }
        } else if (target instanceof ArrayNode array && !array.isEmpty()) {
            array.set(random.nextInt(array.size()), odd);
        }
    }

    /** Resources built in code can hold null items in their lists, which no parser produces. */
    private static void insertNull(Base element, SplittableRandom random) {
        List<Property> lists = new ArrayList<>();
        for (Property property : element.children()) {
            if (property.isList() && property.hasValues()) {
                lists.add(property);
            }
        }
        if (lists.isEmpty()) {
            return;
        }
        Property property = lists.get(random.nextInt(lists.size()));
        List<Base> values = property.getValues();
        if (random.nextBoolean()) {
            try {
                values.add(null);
            } catch (UnsupportedOperationException e) {
                // a copy or an immutable list: nothing to break here
            }
        } else if (values.get(0) != null) {
            insertNull(values.get(0), random);
        }
    }
}
