package jp.tsunagu.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.directory.PatientId;

/**
 * A stored item with its provenance (source, time received, retention, the received bundle it came in).
 *
 * @param quarantined the patient said its sender filed somebody else's records under her name: held back
 *        from every reader but her own marked list until a steward decides
 */
public record RecordItem(ItemId id, PatientId patient, ItemContent content, Source source, Instant receivedAt,
        LocalDate retainUntil, boolean undisclosed, List<SensitiveLabel> sensitiveLabels, Optional<UUID> importId,
        boolean quarantined) {

    /** Who put the item into the record, as every screen names it. */
    public enum ProvidedBy {
        ORGANISATION,
        /** typed in by the patient (measurements) */
        PATIENT_ENTERED,
        /** a file the patient imported: her word for what a hospital or an app said, never the hospital's own */
        PATIENT_UPLOADED
    }

    public ProvidedBy providedBy() {
        return source.organisation().isPresent() ? ProvidedBy.ORGANISATION
                : source.originalResource().isPresent() ? ProvidedBy.PATIENT_UPLOADED : ProvidedBy.PATIENT_ENTERED;
    }

    public RecordCategory category() {
        return content.category();
    }
}
