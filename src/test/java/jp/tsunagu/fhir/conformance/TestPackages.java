package jp.tsunagu.fhir.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import org.hl7.fhir.r4.model.Resource;

/** One loaded checker for all the tests of this package (loading costs seconds), and the packaged examples. */
final class TestPackages {

    static final FhirContext FHIR = FhirContext.forR4();
    private static Conformance conformance;

    private TestPackages() {
    }

    static synchronized Conformance conformance() {
        if (conformance == null) {
            conformance = Conformance.load(FHIR);
        }
        return conformance;
    }

    /** JP Core's own example resources, by file name, parsed as the importer parses (strictly). */
    static Map<String, Resource> jpCoreExamples() {
        Map<String, Resource> examples = new LinkedHashMap<>();
        try {
            PackageArchive.read("/fhir-packages/jp-core.r4-1.1.2.tgz").forEach((name, bytes) -> {
                String file = name.substring(name.lastIndexOf('/') + 1);
                String type = file.contains("-") ? file.substring(0, file.indexOf('-')) : "";
                if (file.contains("example") && file.endsWith(".json") && !type.equals("CodeSystem")
                        && !type.equals("ValueSet") && !type.equals("StructureDefinition")) {
                    examples.put(file, parse(new String(bytes, StandardCharsets.UTF_8)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples;
    }

    /** A fresh copy of one JP Core example, to be changed by a test. */
    static Resource jpCoreExample(String file) {
        try {
            byte[] bytes = PackageArchive.read("/fhir-packages/jp-core.r4-1.1.2.tgz").get("package/" + file);
            return parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Resource parse(String json) {
        return (Resource) FHIR.newJsonParser().setParserErrorHandler(new StrictErrorHandler()).parseResource(json);
    }
}
