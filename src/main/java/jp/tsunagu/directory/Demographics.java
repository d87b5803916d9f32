package jp.tsunagu.directory;

import java.time.LocalDate;
import java.util.Optional;

import jp.tsunagu.shared.Prefecture;

/** Receives, one patient at a time, what aggregate uses may know of who a patient is (no name, no contact). */
public interface Demographics {
    void patient(PatientId patient, LocalDate birthDate, Sex sex, Optional<Prefecture> prefecture);
}
