package jp.tsunagu.fhir;

import java.util.Optional;

import jp.tsunagu.directory.PatientId;

/**
 * Who sends a bundle and what they may do.
 *
 * @param receivedBy recorded with the import (an API client id, "command-line", a patient's subject)
 * @param mayRegisterPatients a bundle for a patient the directory does not know registers them;
 *        otherwise it is refused
 * @param fixedSource the 医療機関コード every item is attributed to, whatever the bundle says: an API
 *        client speaks only for its own hospital
 * @param defaultSource attribution when the bundle itself does not tell (the command's --source)
 * @param trustEntrySources honour the source extension Tsunagu's own export puts on entries (operators
 *        restoring an export), never for outside senders
 * @param forPatient the patient every item goes to, chosen by the sender (a patient's own upload, a
 *        clinician adding a document for the patient in front of them); a bundle naming another registered
 *        patient is refused
 * @param patientProvided the patient's own upload: items are attributed to the patient, whoever the bundle
 *        names, and the directory (identifiers, organisations, practitioners, care) is left as it is, because
 *        a file from a phone is the patient's word only
 * @param strictProfiles a resource that does not meet a profile it claims is refused: the sender is a hospital
 *        system that claims conformance and can fix what it sends. A patient's file, a clinician's attachment
 *        from elsewhere and an operator's restore carry what somebody else wrote (often to an older version of
 *        the guides): there the findings are warnings, and only what the record itself needs refuses
 * @param replaces the sender's own entry a standard FHIR update ({@code PUT [type]/[id]}) replaces: the single
 *        resource takes that entry's identity, whatever identifiers it carries now
 */
public record ImportRequest(String receivedBy, boolean mayRegisterPatients, Optional<String> fixedSource,
        Optional<String> defaultSource, boolean trustEntrySources, Optional<PatientId> forPatient,
        boolean patientProvided, boolean strictProfiles, Optional<Replaced> replaces) {

    /** The entry an update replaces: its patient and its key at the sender. */
    public record Replaced(PatientId patient, String resourceType, String sourceKey) {
    }

    /** The same request, as the update of the sender's entry: about its patient, under its key. */
    public ImportRequest replacing(Replaced entry) {
        return new ImportRequest(receivedBy, false, fixedSource, defaultSource, false, Optional.of(entry.patient()),
                false, strictProfiles, Optional.of(entry));
    }

    public static ImportRequest fromApiClient(String clientId, String institutionCode, boolean mayRegisterPatients) {
        return new ImportRequest(clientId, mayRegisterPatients, Optional.of(institutionCode), Optional.empty(), false,
                Optional.empty(), false, true, Optional.empty());
    }

    public static ImportRequest fromOperator(Optional<String> defaultSource, boolean mayRegisterPatients) {
        return new ImportRequest("command-line", mayRegisterPatients, Optional.empty(), defaultSource, true,
                Optional.empty(), false, false, Optional.empty());
    }

    static ImportRequest fromPatient(PatientId patient, String subject) {
        return new ImportRequest("patient:" + subject, false, Optional.empty(), Optional.empty(), false,
                Optional.of(patient), true, false, Optional.empty());
    }

    static ImportRequest fromClinician(PatientId patient, String subject, String institutionCode) {
        return new ImportRequest("clinician:" + subject, false, Optional.of(institutionCode), Optional.empty(), false,
                Optional.of(patient), false, false, Optional.empty());
    }

    boolean patientUpload() {
        return patientProvided;
    }
}
