package jp.tsunagu.fhir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import jp.tsunagu.fhir.ImportRefusedException.Reason;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns bytes into {@link ParsedBundle}s, refusing what is not well-formed FHIR R4 JSON.
 *
 * <p>JSON is read twice on purpose: a tree first (exact line and column for broken JSON, and each
 * entry's original text with key order and decimals kept), then each entry alone through HAPI's strict
 * parser, so that an unknown element or a bad date is reported with the entry it sits in.
 */
@Component
class BundleReader {

    static final String SOURCE_EXTENSION = "https://tsunagu.jp/fhir/StructureDefinition/source-organization";
    static final Set<String> BUNDLE_TYPES = Set.of("document", "collection", "transaction");
    /** FHIR R4's id datatype. */
    private static final java.util.regex.Pattern FHIR_ID = java.util.regex.Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final FhirContext fhir;

    BundleReader(FhirContext fhir) {
        this.fhir = fhir;
    }

    static JsonMapper json() {
        return JSON;
    }

    ParsedBundle read(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JacksonException e) {
            var location = e.getLocation();
            throw new ImportRefusedException(Reason.MALFORMED, ImportProblem.at("$", "", "fhir.error.malformedJson",
                    location == null ? 0 : location.getLineNr(), location == null ? 0 : location.getColumnNr(),
                    e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new ImportRefusedException(Reason.MALFORMED,
                    ImportProblem.at("$", "", "fhir.error.notAResource"));
        }
        String resourceType = root.path("resourceType").asString("");
        if (resourceType.equals("Bundle")) {
            List<ImportProblem> problems = new ArrayList<>();
            ParsedBundle bundle = readBundle(root, "Bundle", Optional.empty(), problems);
            if (!problems.isEmpty()) {
                throw new ImportRefusedException(Reason.MALFORMED, problems);
            }
            return bundle;
        }
        if (!ImportChecks.SINGLE_RESOURCE_TYPES.contains(resourceType)) {
            throw new ImportRefusedException(Reason.MALFORMED, ImportProblem.at("resourceType", resourceType,
                    "fhir.error.wrongResourceType", resourceType));
        }
        List<ImportProblem> problems = new ArrayList<>();
        Optional<ParsedBundle.Entry> entry = readEntry(root, resourceType, Optional.empty(), Optional.empty(),
                problems);
        if (entry.isEmpty()) {
            throw new ImportRefusedException(Reason.MALFORMED, problems);
        }
        return new ParsedBundle(resourceType, "single", Optional.empty(), root, List.of(entry.get()), List.of(),
                Optional.empty());
    }

    /** Entries a bundle may have (a hospital's discharge document has tens; a year of labs a few hundred). */
    static final int MAX_ENTRIES = 2000;

    /**
     * The bundle's own elements are read here, not by HAPI (entries go through HAPI one by one), so their
     * JSON types are checked here too.
     */
    private ParsedBundle readBundle(JsonNode bundle, String expression, Optional<String> entrySource,
            List<ImportProblem> problems) {
        String type = string(bundle, "type", expression, problems).orElse("");
        if (!BUNDLE_TYPES.contains(type)) {
            problems.add(ImportProblem.at(expression + ".type", "Bundle", "fhir.error.unsupportedBundleType", type));
        }
        Optional<String> identifier = Optional.empty();
        JsonNode id = bundle.path("identifier");
        if (id.isObject()) {
            Optional<String> system = string(id, "system", expression + ".identifier", problems);
            identifier = string(id, "value", expression + ".identifier", problems)
                    .map(value -> system.orElse("") + "|" + value);
        } else if (!id.isMissingNode() && !id.isNull()) {
            problems.add(ImportProblem.at(expression + ".identifier", "Bundle", "fhir.error.wrongJsonType", "object"));
        }
        List<ParsedBundle.Entry> entries = new ArrayList<>();
        List<ParsedBundle> nested = new ArrayList<>();
        Set<String> fullUrls = new HashSet<>();
        JsonNode entryArray = bundle.path("entry");
        if (!entryArray.isArray() && !entryArray.isMissingNode() && !entryArray.isNull()) {
            problems.add(ImportProblem.at(expression + ".entry", "Bundle", "fhir.error.wrongJsonType", "array"));
            entryArray = JSON.createArrayNode();
        }
        if (entryArray.size() > MAX_ENTRIES) {
            // Refused before any entry is parsed: thousands of entries cost seconds and a huge answer.
            problems.add(ImportProblem.at(expression + ".entry", "Bundle", "fhir.error.tooManyEntries",
                    Integer.toString(entryArray.size()), Integer.toString(MAX_ENTRIES)));
            entryArray = JSON.createArrayNode();
        }
        for (int i = 0; i < entryArray.size(); i++) {
            JsonNode entry = entryArray.get(i);
            String at = expression + ".entry[" + i + "]";
            Optional<String> fullUrl = string(entry, "fullUrl", at, problems);
            if (fullUrl.isPresent() && !fullUrls.add(fullUrl.get())) {
                problems.add(ImportProblem.at(at + ".fullUrl", "", "fhir.error.duplicateFullUrl", fullUrl.get()));
            }
            JsonNode resource = entry.get("resource");
            if (resource == null || !resource.isObject()) {
                problems.add(ImportProblem.at(at + ".resource", "", "fhir.error.missingResource"));
                continue;
            }
            Optional<String> source = sourceExtension(entry);
            String resourceType = resource.path("resourceType").asString("");
            if (resourceType.equals("Bundle")) {
                nested.add(readBundle(resource, at + ".resource", source, problems));
            } else {
                readEntry(resource, at + ".resource", fullUrl, source, problems).ifPresent(entries::add);
            }
        }
        return new ParsedBundle(expression, type, identifier, bundle, entries, nested, entrySource);
    }

    private Optional<ParsedBundle.Entry> readEntry(JsonNode resource, String expression, Optional<String> fullUrl,
            Optional<String> entrySource, List<ImportProblem> problems) {
        String resourceType = resource.path("resourceType").asString("");
        if (!structure(resource, expression, resourceType, true, problems)) {
            return Optional.empty();
        }
        String original = JSON.writeValueAsString(resource);
        try {
            IParser parser = fhir.newJsonParser().setParserErrorHandler(STRICT);
            Resource parsed = (Resource) parser.parseResource(original);
            return Optional.of(new ParsedBundle.Entry(expression, fullUrl, original, parsed, entrySource));
        } catch (DataFormatException | ClassCastException e) {
            problems.add(ImportProblem.at(expression, resourceType, "fhir.error.invalidResource",
                    hapiMessage(e)));
            return Optional.empty();
        }
    }

    /** A string element of the bundle's own, or a problem when it is there but not a JSON string. */
    private static Optional<String> string(JsonNode parent, String name, String at, List<ImportProblem> problems) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            problems.add(ImportProblem.at(at + "." + name, "Bundle", "fhir.error.wrongJsonType", "string"));
            return Optional.empty();
        }
        return Optional.of(value.asString());
    }

    /**
     * What HAPI's parser trips over or silently rewrites, checked on the JSON first so the sender learns
     * the exact place: empty objects and arrays (FHIR JSON has none), a resource without a resourceType, an
     * extension that is not an object (HAPI fails
     * without saying where), a contained
     * resource inside a contained resource (FHIR forbids it; HAPI would flatten it), and a resource id that
     * is not a FHIR id (HAPI would keep only its last path segment, "a/b" becoming "b").
     *
     * @return whether the resource can go to HAPI
     */
    private static boolean structure(JsonNode node, String path, String resourceType, boolean isResource,
            List<ImportProblem> problems) {
        int before = problems.size();
        if (isResource && !(node.path("resourceType").isString() && !node.path("resourceType").asString().isBlank())) {
            // HAPI throws IllegalArgumentException for a blank one in a contained resource.
            problems.add(ImportProblem.at(path + ".resourceType", resourceType, "fhir.error.missingResourceType"));
        }
        if (isResource && node.has("id")
                && !(node.get("id").isString() && FHIR_ID.matcher(node.get("id").asString()).matches())) {
            problems.add(ImportProblem.at(path + ".id", resourceType, "fhir.error.invalidId"));
        }
        for (var property : node.properties()) {
            String name = property.getKey();
            JsonNode value = property.getValue();
            // "_family" holds the extensions of the primitive "family": FHIRPath names both "family".
            String at = path + "." + (name.startsWith("_") ? name.substring(1) : name);
            if (value.isContainer() && value.isEmpty()) {
                // FHIR JSON has no empty objects or arrays; HAPI keeps an empty object as an element that is
                // there and says nothing (a name without any name in it).
                problems.add(ImportProblem.at(at, resourceType, "fhir.error.emptyJson"));
                continue;
            }
            if (name.equals("div") && value.isString() && value.asString().isBlank()) {
                // HAPI's XHTML reader fails on a blank narrative (StringIndexOutOfBoundsException).
                problems.add(ImportProblem.at(at, resourceType, "fhir.error.emptyNarrative"));
            }
            boolean extension = name.equals("extension") || name.equals("modifierExtension");
            for (int i = 0; value.isArray() && i < value.size(); i++) {
                JsonNode item = value.get(i);
                String itemAt = at + "[" + i + "]";
                if (item.isContainer() && item.isEmpty()) {
                    problems.add(ImportProblem.at(itemAt, resourceType, "fhir.error.emptyJson"));
                } else if (extension && !item.isObject()) {
                    problems.add(ImportProblem.at(itemAt, resourceType, "fhir.error.wrongJsonType", "object"));
                } else if (name.equals("contained") && isResource && item.isObject()) {
                    if (item.has("contained")) {
                        // One problem for the whole nest, however deep it goes.
                        problems.add(ImportProblem.at(itemAt + ".contained", resourceType,
                                "fhir.error.nestedContained"));
                    } else {
                        structure(item, itemAt, resourceType, true, problems);
                    }
                } else if (item.isObject()) {
                    structure(item, itemAt, resourceType, false, problems);
                }
            }
            if (value.isObject()) {
                structure(value, at, resourceType, false, problems);
            }
        }
        return problems.size() == before;
    }

    /**
     * HAPI's strict handler, except for a "#id" pointing to no contained resource: HAPI would name only the
     * entry, {@link ImportChecks} names the element.
     */
    private static final StrictErrorHandler STRICT = new StrictErrorHandler() {
        @Override
        public void unknownReference(IParseLocation location, String reference) {
        }
    };

    /** HAPI prefixes its messages with an internal code ("HAPI-1825: …"); the reader needs only the rest. */
    private static String hapiMessage(Exception e) {
        String message = String.valueOf(e.getMessage());
        return message.replaceFirst("^HAPI-\\d+:\\s*", "");
    }

    private static Optional<String> sourceExtension(JsonNode entry) {
        for (JsonNode extension : entry.path("extension")) {
            if (SOURCE_EXTENSION.equals(extension.path("url").asString(""))) {
                String value = extension.path("valueIdentifier").path("value").asString("");
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
