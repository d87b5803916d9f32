package jp.tsunagu.directory;

import java.time.Instant;
import java.util.List;

/**
 * A patient on the bulk path ({@link DirectoryBulkLoad}). The caller chooses the id, so that the
 * patient's record items can be prepared before the patient is written.
 *
 * @param care the organisations treating the patient, each since when
 */
public record BulkPatient(PatientId id, PatientDetails details, List<Care> care) {

    public BulkPatient {
        care = List.copyOf(care);
    }

    public record Care(OrganisationId organisation, Instant since) {
    }
}
