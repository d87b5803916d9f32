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

    /** Every organisation the batch or one of its items is attributed to: none for what a patient brings herself. */
    public java.util.Set<OrganisationId> sources() {
        java.util.Set<OrganisationId> sources = new java.util.LinkedHashSet<>();
        source.ifPresent(sources::add);
        items.forEach(item -> item.source().organisation().ifPresent(sources::add));
        return sources;
    }
}
