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
 * @param ownRecordOf a patient uploading into their own record: every item goes to them, attributed to
 *        them, whoever the bundle names; the directory (patients, identifiers, organisations, practitioners,
 *        care relationships) is left as it is, because a file from a phone is the patient's word only
 */
public record ImportRequest(String receivedBy, boolean mayRegisterPatients, Optional<String> fixedSource,
        Optional<String> defaultSource, boolean trustEntrySources, Optional<PatientId> ownRecordOf) {

    public static ImportRequest fromApiClient(String clientId, String institutionCode, boolean mayRegisterPatients) {
        return new ImportRequest(clientId, mayRegisterPatients, Optional.of(institutionCode), Optional.empty(), false,
                Optional.empty());
    }

    public static ImportRequest fromOperator(Optional<String> defaultSource, boolean mayRegisterPatients) {
        return new ImportRequest("command-line", mayRegisterPatients, Optional.empty(), defaultSource, true,
                Optional.empty());
    }

    static ImportRequest fromPatient(PatientId patient, String subject) {
        return new ImportRequest("patient:" + subject, false, Optional.empty(), Optional.empty(), false,
                Optional.of(patient));
    }

    boolean patientUpload() {
        return ownRecordOf.isPresent();
    }
}
