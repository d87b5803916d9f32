package jp.tsunagu.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jp.tsunagu.directory.PatientId;
import jp.tsunagu.record.persistence.CountableFactStore;
import org.springframework.stereotype.Component;

/**
 * The record's facts that aggregate uses may count: the one read model behind cohort counts, breakdowns,
 * invitations, post-market views and the public figures. What is countable is decided once, in the views
 * {@code record_countable_item} and {@code record_countable_diagnosis} (migration V0010): never an item the
 * patient has not been told of (未告知), nor one held back as "not my record", nor one with a sensitive label,
 * nor a refuted or entered-in-error diagnosis; each fact also needs what makes it a fact (a code, a value, a
 * day). Other modules read the record's tables only through here, never with SQL of their own.
 * <p>
 * Rows carry the patient, so that the caller can apply consent (who allows which purpose) and its privacy
 * floor before anything leaves the server; nothing here is released as it is.
 * <p>
 * A {@code @Component}, not a {@code @Service}: the house rule guards every public method of a service with
 * {@code @PreAuthorize}, but these are read by in-process jobs (the cohort index, the public figures, as the
 * system) as well as inside a sponsor's query, whose own service method is the guarded entry; the callers'
 * services decide who may ask, and release only suppressed aggregates. Reads take part in the caller's
 * transaction, so one snapshot can make several of them agree.
 */
@Component
public class CountableFacts {

    private final CountableFactStore store;

    CountableFacts(CountableFactStore store) {
        this.store = store;
    }

    /** Coded diagnoses (ICD-10), of everybody or of one patient. */
    public void diagnoses(Optional<PatientId> only, Countable.Coded each) {
        store.diagnoses(only, each);
    }

    /** Coded prescriptions (YJ code), of everybody or of one patient. */
    public void prescriptions(Optional<PatientId> only, Countable.Coded each) {
        store.prescriptions(only, each);
    }

    /** Coded numeric lab results with their day, of everybody or of one patient. */
    public void labs(Optional<PatientId> only, Countable.Labs each) {
        store.labs(only, each);
    }

    /**
     * Patients exposed to a drug (their first prescription of a YJ code or prefix), and whether a lab signal
     * among {@code labCodes} occurred in the {@code days} before that first day or in the {@code days} after.
     *
     * @param timesUpperLimit a signal is a value above this multiple of the result's upper limit; 0 means an
     *     eGFR-style drop below 70 % of the patient's previous value
     */
    public void exposures(String drugPrefix, List<String> labCodes, int timesUpperLimit, int days,
            Countable.Exposure each) {
        store.exposures(drugPrefix, labCodes, timesUpperLimit, days, each);
    }

    /** Inpatients at noon (JST) of each day from {@code from} to {@code to}, at the hospital that sent the stay. */
    public List<Countable.Stay> inpatients(LocalDate from, LocalDate to) {
        return store.inpatients(from, to);
    }

    /** Positive infection tests since {@code from}, per patient, week and sending hospital. */
    public List<Countable.Positive> positiveInfectionTests(Instant from) {
        return store.positives(from);
    }

    /** Patients with a medication allergy or contraindication on record, each once. */
    public List<PatientId> patientsWithDrugAllergies() {
        return store.patientsWithDrugAllergies();
    }

    /** Documents (3文書) hospitals sent: for each document, the patient it is about. */
    public List<PatientId> documentsFromHospitals() {
        return store.documentPatients();
    }

    /** {@link StatisticalDuplicate}s among prescriptions, on days since {@code from}. */
    public List<StatisticalDuplicate> statisticalDuplicatePrescriptions(LocalDate from) {
        return store.duplicatePrescriptions(from);
    }

    /** {@link StatisticalDuplicate}s among lab tests, on days since {@code from}. */
    public List<StatisticalDuplicate> statisticalDuplicateTests(LocalDate from) {
        return store.duplicateTests(from);
    }
}
