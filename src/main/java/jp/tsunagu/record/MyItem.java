package jp.tsunagu.record;

import java.time.Instant;
import java.util.Optional;

import jp.tsunagu.record.RecordItem.ProvidedBy;

/**
 * One item of the signed-in patient's own record as the portal shows it to them: the content and where
 * it came from.
 */
public record MyItem(ItemId id, ItemContent content, Provenance provenance) {

    /**
     * @param organisation the sending organisation's name, empty when the patient provided the item
     * @param quarantined she said this sender's records are not hers; shown apart and marked until a steward decides
     */
    public record Provenance(ProvidedBy by, Optional<String> organisation, Instant receivedAt, boolean quarantined) {
    }

    /** The date the item is about (onset, measurement, document), or when it arrived if it has none. */
    public Instant date() {
        return content.effectiveAt().orElse(provenance.receivedAt());
    }

    /** The patient may change and delete what they typed in themselves, nothing else. */
    public boolean editable() {
        return provenance.by() == ProvidedBy.PATIENT_ENTERED && content instanceof PhrEntry;
    }
}
