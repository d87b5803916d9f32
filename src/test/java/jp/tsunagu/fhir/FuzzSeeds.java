package jp.tsunagu.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bundles the import fuzzer starts from: the small valid collection of {@link FhirImportIT}, and,
 * when {@code ../shared} is beside the project, the JP eReferral document and every example resource of
 * the JP Core package, each made importable. Nothing of {@code ../shared} is copied into the project.
 */
final class FuzzSeeds {

    record Seed(String name, ObjectNode json) {
    }

    /** The packages the portal carries (unchanged copies of ../shared/fhir-packages), with their examples. */
    static final List<String> PACKAGES = List.of("/fhir-packages/jp-core.r4-1.1.2.tgz",
            "/fhir-packages/jp-clins.r4-1.5.2.tgz");

    /** Conformance resources of the package: definitions, not data a hospital sends. */
    private static final Set<String> DEFINITIONS = Set.of("CodeSystem", "ValueSet", "NamingSystem",
            "StructureDefinition", "SearchParameter", "ImplementationGuide", "CapabilityStatement");
    /** Every resource file of a package that is not a definition: JP Core's examples, JP-CLINS's Patient1/2. */
    private static final Pattern EXAMPLE = Pattern.compile("package/([A-Z][A-Za-z]+)-[^/]+\\.json");
    private static final Pattern TYPE_AND_ID = Pattern.compile("([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})");
    private static final String BASE = "http://jpfhir.jp/fhir/core/";
    private static final String SENDER_CODE = "1319990011";

    private FuzzSeeds() {
    }

    static List<Seed> load() throws IOException {
        List<Seed> seeds = new ArrayList<>();
        seeds.add(new Seed("FhirImportIT.VALID", parse(FhirImportIT.VALID.getBytes(StandardCharsets.UTF_8))));
        if (Files.isReadable(Fixtures.REFERRAL)) {
            // The letter as published claims JP-CLINS profiles it predates (FhirEndpointIT tests that refusal);
            // as a seed it claims nothing, so that mutations reach past the profile checks.
            ObjectNode letter = asSentBySender(parse(Files.readAllBytes(Fixtures.REFERRAL)));
            letter.findParents("profile").forEach(meta -> ((ObjectNode) meta).remove("profile"));
            seeds.add(new Seed("jp-ereferral/BundleReferralExample01", letter));
        }
        for (String tgz : PACKAGES) {
            seeds.addAll(examples(tgz));
        }
        return seeds;
    }

    /**
     * As the sending hospital's own system would send it: a patient number in another hospital's naming
     * system becomes the sender's (a hospital finds its patients only by its own numbers).
     */
    static ObjectNode asSentBySender(ObjectNode bundle) {
        for (JsonNode identifier : bundle.findValues("identifier")) {
            for (JsonNode each : identifier.isArray() ? identifier : List.of(identifier)) {
                String system = each.path("system").asString("");
                if (each instanceof ObjectNode object && jp.tsunagu.directory.Identifier
                        .localPatientInstitution(system).filter(code -> !code.equals(SENDER_CODE)).isPresent()) {
                    object.put("system", system.substring(0, system.length() - 10) + SENDER_CODE);
                }
            }
        }
        return bundle;
    }

    private static ObjectNode parse(byte[] json) {
        return (ObjectNode) BundleReader.json().readTree(json);
    }

    /**
     * Each example in a collection with what it refers to (other examples of the package, transitively),
     * the example patient and the sending hospital, so that an unmutated seed is importable and a mutation
     * is what breaks it. A reference to something the package does not hold keeps only its display.
     */
    static List<Seed> examples(String tgz) throws IOException {
        Map<String, ObjectNode> byReference = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> file : jp.tsunagu.fhir.conformance.PackageArchive.read(tgz).entrySet()) {
            Matcher example = EXAMPLE.matcher(file.getKey());
            if (example.matches() && !DEFINITIONS.contains(example.group(1))) {
                ObjectNode resource = parse(file.getValue());
                byReference.put(resource.path("resourceType").asString() + "/" + resource.path("id").asString(),
                        resource);
            }
        }
        List<Seed> seeds = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> example : byReference.entrySet()) {
            Set<String> included = new LinkedHashSet<>();
            Deque<String> pending = new ArrayDeque<>(List.of(example.getKey(), "Patient/jp-patient-example-1"));
            while (!pending.isEmpty()) {
                String next = pending.pop();
                if (byReference.containsKey(next) && included.add(next)) {
                    referencesOf(byReference.get(next), pending);
                }
            }
            ObjectNode bundle = BundleReader.json().createObjectNode();
            bundle.put("resourceType", "Bundle").put("type", "collection");
            ArrayNode entries = bundle.putArray("entry");
            for (String reference : included) {
                ObjectNode resource = byReference.get(reference).deepCopy();
                keepResolvableReferences(resource, byReference.keySet());
                entries.addObject().put("fullUrl", BASE + reference).set("resource", resource);
            }
            if (included.stream().noneMatch(r -> r.startsWith("Organization/") && hasSenderCode(byReference.get(r)))) {
                entries.add(senderOrganisation());
            }
            seeds.add(new Seed(tgz.substring(tgz.lastIndexOf('/') + 1, tgz.indexOf(".r4")) + "/" + example.getKey(),
                    asSentBySender(bundle)));
        }
        return seeds;
    }

    private static boolean hasSenderCode(ObjectNode organisation) {
        return organisation.toString().contains("\"" + SENDER_CODE + "\"");
    }

    private static ObjectNode senderOrganisation() {
        ObjectNode entry = BundleReader.json().createObjectNode();
        entry.put("fullUrl", BASE + "Organization/tsunagu-fuzz-sender");
        ObjectNode organisation = entry.putObject("resource");
        organisation.put("resourceType", "Organization").put("id", "tsunagu-fuzz-sender").put("name", "東京中央病院");
        organisation.putArray("identifier").addObject()
                .put("system", jp.tsunagu.directory.Identifier.MEDICAL_INSTITUTION).put("value", SENDER_CODE);
        return entry;
    }

    private static void referencesOf(JsonNode node, Deque<String> into) {
        if (node.isObject() && node.path("reference").isString()) {
            Matcher m = TYPE_AND_ID.matcher(node.path("reference").asString());
            if (m.matches()) {
                into.add(m.group(0));
            }
        }
        for (JsonNode child : node) {
            referencesOf(child, into);
        }
    }

    private static void keepResolvableReferences(JsonNode node, Set<String> known) {
        if (node instanceof ObjectNode object && object.path("reference").isString()) {
            String target = object.path("reference").asString();
            if (!target.startsWith("#") && !known.contains(target)) {
                object.remove("reference");
                if (!object.has("display")) {
                    object.put("display", target);
                }
            }
        }
        for (JsonNode child : node) {
            keepResolvableReferences(child, known);
        }
    }
}
