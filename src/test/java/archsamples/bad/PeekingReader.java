package archsamples.bad;

import java.util.List;
import java.util.Set;

import jp.tsunagu.directory.PatientId;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.record.RecordItem;
import jp.tsunagu.record.RecordService;

/** Broken on purpose: a feature reading a patient's labs straight from the record, past consent and the log. */
class PeekingReader {

    private final RecordService records;

    PeekingReader(RecordService records) {
        this.records = records;
    }

    List<RecordItem> labsOf(PatientId patient) {
        return records.itemsFor(patient, Set.of(RecordCategory.LAB));
    }
}
