package jp.tsunagu.consent;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.directory.PatientId;

/** One break-the-glass: who opened whose record, why, until when, and the steward's review once done. */
public record EmergencyAccess(UUID id, PatientId patient, String clinician, String clinicianName,
        Optional<String> organisationCode, EmergencyReason reason, String detail, Instant openedAt, Instant expiresAt,
        Optional<Review> review) {

    public record Review(boolean justified, String reviewer, String comment, Instant reviewedAt) {
    }

    public boolean openAt(Instant at) {
        return !at.isBefore(openedAt) && at.isBefore(expiresAt);
    }
}
