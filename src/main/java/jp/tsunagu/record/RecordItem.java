package jp.tsunagu.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.directory.PatientId;

/** A stored item with its provenance (source, time received, retention, the received bundle it came in). */
public record RecordItem(ItemId id, PatientId patient, ItemContent content, Source source, Instant receivedAt,
        LocalDate retainUntil, boolean undisclosed, List<SensitiveLabel> sensitiveLabels, Optional<UUID> importId) {

    public RecordCategory category() {
        return content.category();
    }
}
