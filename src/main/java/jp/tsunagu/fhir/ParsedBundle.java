package jp.tsunagu.fhir;

import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.Resource;
import tools.jackson.databind.JsonNode;

/**
 * A bundle read from JSON: every entry with its place, its original JSON and its HAPI model. Bundles
 * nested in a collection (Tsunagu's export carries the bundles it received) are scopes of their own:
 * their references resolve inside them.
 *
 * @param entrySource the source-organisation code Tsunagu's export put on the entry holding this bundle
 */
record ParsedBundle(String expression, String type, Optional<String> identifier, JsonNode json,
        List<Entry> entries, List<ParsedBundle> nested, Optional<String> entrySource) {

    /**
     * @param expression where it sits, e.g. {@code Bundle.entry[3].resource}
     * @param original the entry's resource as received, serialised from the parsed tree (order, numbers and
     *        text kept), which is what the record stores and gives back
     */
    record Entry(String expression, Optional<String> fullUrl, String original, Resource resource,
            Optional<String> entrySource) {

        String resourceType() {
            return resource.fhirType();
        }
    }

    /** This bundle's entries and those of every nested bundle. */
    List<Entry> allEntries() {
        return java.util.stream.Stream.concat(entries.stream(),
                nested.stream().flatMap(n -> n.allEntries().stream())).toList();
    }

    List<ParsedBundle> allScopes() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(this),
                nested.stream().flatMap(n -> n.allScopes().stream())).toList();
    }
}
