package jp.tsunagu.directory;

import java.util.Optional;

/** A patient in the directory, and the portal account linked to them (OIDC subject), if any. */
public record Patient(PatientId id, PatientDetails details, Optional<String> accountSubject) {
}
