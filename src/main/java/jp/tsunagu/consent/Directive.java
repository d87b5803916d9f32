package jp.tsunagu.consent;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import jp.tsunagu.directory.PatientId;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.record.SensitiveLabel;

/**
 * One version of a consent directive: who, what (categories, minus sensitive labels), why, when, and
 * whether it permits or (for opt-out purposes) denies. A revocation is a version with status REVOKED.
 */
public record Directive(DirectiveId id, int version, PatientId patient, Purpose purpose, Effect effect,
        Grantee grantee, Set<RecordCategory> categories, Set<SensitiveLabel> excludedLabels, Instant validFrom,
        Optional<Instant> validUntil, Status status, Instant recordedAt, String recordedBy) {

    public enum Effect { PERMIT, DENY }

    public enum Status { ACTIVE, REVOKED }

    public Directive {
        categories = Set.copyOf(categories);
        excludedLabels = Set.copyOf(excludedLabels);
    }

    /** In force at {@code at}: active, started, not yet ended. */
    public boolean inForceAt(Instant at) {
        return status == Status.ACTIVE && !validFrom.isAfter(at) && validUntil.map(at::isBefore).orElse(true);
    }
}
