package jp.tsunagu.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A {@code batch} Bundle taken apart into its independent requests (FHIR: each entry succeeds or fails on
 * its own, and entries must not depend on each other). Reading keeps each resource's text as sent, numbers
 * and key order included, like every other import.
 */
public final class BatchRequests {

    /**
     * @param method POST or PUT (anything else is answered as unsupported for that entry)
     * @param url {@code [type]} for POST, {@code [type]/[id]} for PUT
     * @param resource the entry's resource as sent, or empty when the entry has none
     */
    public record Request(int index, String method, String url, Optional<String> ifNoneExist,
            Optional<byte[]> resource) {
    }

    private BatchRequests() {
    }

    /** The top-level {@code Bundle.type}, or empty when the bytes are not a Bundle (or not JSON: the import says why). */
    public static Optional<String> bundleType(byte[] body) {
        try (var parser = BundleReader.json().createParser(body)) {
            if (parser.nextToken() != tools.jackson.core.JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            String resourceType = null;
            String type = null;
            while (parser.nextToken() == tools.jackson.core.JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                var value = parser.nextToken();
                if (value == tools.jackson.core.JsonToken.VALUE_STRING && name.equals("resourceType")) {
                    resourceType = parser.getString();
                } else if (value == tools.jackson.core.JsonToken.VALUE_STRING && name.equals("type")) {
                    type = parser.getString();
                } else {
                    parser.skipChildren();
                }
                if (resourceType != null && type != null) {
                    break;
                }
            }
            return "Bundle".equals(resourceType) ? Optional.ofNullable(type) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    public static List<Request> split(byte[] body) {
        JsonNode bundle;
        try {
            bundle = BundleReader.json().readTree(body);
        } catch (JacksonException e) {
            var location = e.getLocation();
            throw new ImportRefusedException(ImportRefusedException.Reason.MALFORMED, ImportProblem.at("$", "",
                    "fhir.error.malformedJson", location == null ? 0 : location.getLineNr(),
                    location == null ? 0 : location.getColumnNr(), e.getOriginalMessage()));
        }
        List<Request> requests = new ArrayList<>();
        JsonNode entries = bundle.path("entry");
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            JsonNode request = entry.path("request");
            JsonNode resource = entry.path("resource");
            requests.add(new Request(i, request.path("method").asString(""), request.path("url").asString(""),
                    request.hasNonNull("ifNoneExist") ? Optional.of(request.get("ifNoneExist").asString(""))
                            : Optional.empty(),
                    resource.isObject() ? Optional.of(BundleReader.json().writeValueAsBytes(resource))
                            : Optional.empty()));
        }
        return requests;
    }
}
