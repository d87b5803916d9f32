package jp.tsunagu.record;

import java.util.List;

import jp.tsunagu.directory.PatientId;

/** All items of one patient, newest first within each kind. */
public record HealthRecord(PatientId patient, List<RecordItem> items) {

    public HealthRecord {
        items = List.copyOf(items);
    }

    public <T extends ItemContent> List<T> contents(Class<T> kind) {
        return items.stream().map(RecordItem::content).filter(kind::isInstance).map(kind::cast).toList();
    }
}
