package jp.tsunagu.research.counting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jp.tsunagu.directory.Sex;
import jp.tsunagu.shared.Prefecture;

/**
 * What the index knows of one patient, read afresh after their record changed: the overlay evaluates
 * definitions on these directly, until the next rebuild folds them into the bitmaps. Items not yet told
 * to the patient (未告知) and items with a sensitive label are never here.
 */
record PatientFacts(int number, LocalDate birthDate, Sex sex, Optional<Prefecture> prefecture, Set<String> diagnoses,
        Set<String> prescriptions, List<LabFact> labs) {

    PatientFacts {
        diagnoses = Set.copyOf(diagnoses);
        prescriptions = Set.copyOf(prescriptions);
        labs = List.copyOf(labs);
    }

    /** A numeric lab result in a calendar month ({@link Months}). */
    record LabFact(String code, BigDecimal value, int month) {
    }
}
