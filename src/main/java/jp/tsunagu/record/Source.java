package jp.tsunagu.record;

import java.util.Optional;

import jp.tsunagu.directory.OrganisationId;

/**
 * Where an item came from. {@code sourceKey} is its stable identity at the source (resource type and
 * identifiers), so a resend finds the same row; {@code originalResource} is the resource's JSON exactly
 * as it arrived, empty for items born in the portal (patient-entered, synthetic), which export renders.
 * No organisation means the patient themselves.
 */
public record Source(Optional<OrganisationId> organisation, String sourceKey, Optional<String> sourceIdentifier,
        Optional<String> originalResource) {
}
