package jp.tsunagu.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jp.tsunagu.directory.PatientId;

/** A stored item with its provenance (source, time received, retention). */
public record RecordItem(ItemId id, PatientId patient, ItemContent content, Source source, Instant receivedAt,
        LocalDate retainUntil, boolean undisclosed, List<SensitiveLabel> sensitiveLabels) {

    public RecordCategory category() {
        return content.category();
    }
}
