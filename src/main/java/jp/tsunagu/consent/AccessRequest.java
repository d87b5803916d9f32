package jp.tsunagu.consent;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.record.SensitiveLabel;

/**
 * "May this requester read category C of this patient for purpose U at time T?", with the facts the
 * rules need: the requester's organisation (for treatment), whether it treats the patient, and the
 * sensitive labels of the data in question.
 */
public record AccessRequest(Purpose purpose, RecordCategory category, Optional<OrganisationId> requester,
        boolean requesterTreats, Set<SensitiveLabel> labels, Instant at) {

    public AccessRequest {
        labels = Set.copyOf(labels);
    }
}
