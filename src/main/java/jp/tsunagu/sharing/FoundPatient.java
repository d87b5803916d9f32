package jp.tsunagu.sharing;

import java.time.LocalDate;

import jp.tsunagu.directory.PatientId;
import jp.tsunagu.directory.Sex;
import jp.tsunagu.shared.PersonName;

/**
 * A patient a clinician's search found: only patients who share something with the clinician's
 * organisation or who are treated there ever appear.
 */
public record FoundPatient(PatientId id, PersonName name, LocalDate birthDate, Sex sex, boolean shares,
        boolean treatedHere) {
}
