package jp.tsunagu.record;

import java.util.List;

import jp.tsunagu.directory.PatientId;

/** The items of one patient on the bulk path ({@link RecordBulkLoad}). */
public record PatientItems(PatientId patient, List<NewItem> items) {

    public PatientItems {
        items = List.copyOf(items);
    }
}
