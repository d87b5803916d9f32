package jp.tsunagu.record;

import java.util.List;
import java.util.Optional;

import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.PatientId;

/**
 * Everything one bundle brings for one patient, stored whole or not at all.
 *
 * @param bundleIdentifier Bundle.identifier as "system|value", for tracing
 * @param contentSha256 of the bundle as received: the same bytes again are a resend
 * @param original the bundle (or single resource) as received; empty for items born in the portal
 */
public record IncomingBatch(PatientId patient, Optional<OrganisationId> source, String bundleType,
        Optional<String> bundleIdentifier, String contentSha256, Optional<String> original, String receivedBy,
        List<NewItem> items) {

    public IncomingBatch {
        items = List.copyOf(items);
    }
}
