package jp.tsunagu.fhir.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
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
        // Lenient: a quirk in a published package must not keep the portal from starting.
        IParser parser = fhir.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false));
        PackageContent content = new PackageContent();
        for (String archive : PACKAGES) {
            Map<String, byte[]> files;
            try {
                files = PackageArchive.read(archive);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            files.forEach((name, bytes) -> {
                String file = name.substring(name.lastIndexOf('/') + 1);
                if (file.startsWith("StructureDefinition-") || file.startsWith("ValueSet-")
                        || file.startsWith("CodeSystem-")) {
                    content.add((Resource) parser.parseResource(new String(bytes, StandardCharsets.UTF_8)));
                }
            });
        }
        return content;
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
