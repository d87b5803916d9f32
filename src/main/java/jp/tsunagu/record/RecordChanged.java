package jp.tsunagu.record;

import java.util.Optional;

import jp.tsunagu.directory.PatientId;

/**
 * Published after the record of a patient changed (an import stored or replaced items), or, with no
 * patient, after many records changed at once (a bulk load): readers that keep derived data (the
 * research cohort index) bring it up to date. Listeners act after the commit.
 */
public record RecordChanged(Optional<PatientId> patient) {

    public static RecordChanged of(PatientId patient) {
        return new RecordChanged(Optional.of(patient));
    }

    public static RecordChanged many() {
        return new RecordChanged(Optional.empty());
    }
}
