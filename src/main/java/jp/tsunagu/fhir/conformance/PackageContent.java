package jp.tsunagu.fhir.conformance;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import ca.uhn.fhir.parser.LenientErrorHandler;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The conformance resources of the packages, by canonical URL. Only what the checker reads is parsed
 * (structure definitions, value sets, code systems): the examples and search parameters are not needed.
 */
final class PackageContent {

    /** The portal's copies of the standards' packages, in the order their canonical URLs take precedence. */
    static final List<String> PACKAGES = List.of("/fhir-packages/jp-clins.r4-1.5.2.tgz",
            "/fhir-packages/jp-core.r4-1.1.2.tgz");

    final Map<String, StructureDefinition> structures = new HashMap<>();
    final Map<String, ValueSet> valueSets = new HashMap<>();
    final Map<String, CodeSystem> codeSystems = new HashMap<>();

    static PackageContent load(FhirContext fhir) {
        List<byte[]> wanted = new ArrayList<>();
        for (String archive : PACKAGES) {
            try {
                PackageArchive.read(archive).forEach((name, bytes) -> {
                    String file = name.substring(name.lastIndexOf('/') + 1);
                    if (file.startsWith("StructureDefinition-") || file.startsWith("ValueSet-")
                            || file.startsWith("CodeSystem-")) {
                        wanted.add(bytes);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // Some 20 MB of JSON, most of it in five snapshots: parsed on all cores, added in archive order.
        // Lenient: a quirk in a published package must not keep the portal from starting.
        List<Resource> resources = wanted.parallelStream()
                .map(bytes -> (Resource) fhir.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false))
                        .parseResource(slim(bytes)))
                .toList();
        PackageContent content = new PackageContent();
        resources.forEach(content::add);
        return content;
    }

    /** Element properties that only document a profile; the checker reads none of them. */
    private static final Set<String> PROSE = Set.of("definition", "comment", "requirements", "alias", "mapping",
            "short", "xpath", "example", "description", "isModifierReason", "meaningWhenMissing", "orderMeaning",
            "designation", "purpose", "copyright", "contact", "_definition", "_comment", "_requirements", "_short",
            "_description", "_purpose", "_copyright");
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * The resource's JSON without its prose, the narrative and (where a snapshot exists) the differential: HAPI's
     * parser then has a fraction of the 20 MB to turn into objects, which is most of the load time.
     */
    static String slim(byte[] json) {
        boolean hasSnapshot = new String(json, StandardCharsets.UTF_8).contains("\"snapshot\"");
        StringWriter out = new StringWriter(json.length / 2);
        try (JsonParser in = JSON.createParser(json); JsonGenerator generator = JSON.createGenerator(out)) {
            int depth = 0;
            for (JsonToken token = in.nextToken(); token != null; token = in.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    String name = in.currentName();
                    if (PROSE.contains(name) || depth == 1 && (name.equals("text")
                            || hasSnapshot && (name.equals("differential") || name.equals("_differential")))) {
                        in.nextToken();
                        in.skipChildren();
                        continue;
                    }
                } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                }
                generator.copyCurrentEvent(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private void add(Resource resource) {
        switch (resource) {
            case StructureDefinition sd -> structures.putIfAbsent(sd.getUrl(), sd);
            case ValueSet vs -> valueSets.putIfAbsent(vs.getUrl(), vs);
            case CodeSystem cs -> codeSystems.putIfAbsent(cs.getUrl(), cs);
            default -> {
            }
        }
    }

    /** A canonical reference without its {@code |version}. */
    static String canonical(String reference) {
        int bar = reference.indexOf('|');
        return bar < 0 ? reference : reference.substring(0, bar);
    }
}
