package jp.tsunagu.record;

import java.time.Instant;
import java.util.Optional;

/**
 * One item of the signed-in patient's own record as the portal shows it to them: the content and where
 * it came from.
 */
public record MyItem(ItemId id, ItemContent content, Provenance provenance) {

    /** Who put the item into the record. */
    public enum ProvidedBy {
        /** Sent by a hospital or clinic (over the FHIR API or by an operator's import). */
        ORGANISATION,
        /** Typed in by the patient in the portal. */
        PATIENT_ENTERED,
        /** A file the patient uploaded: its hospital attribution is the patient's word, not the hospital's. */
        PATIENT_UPLOADED
    }

    /** @param organisation the sending organisation's name, empty when the patient provided the item */
    public record Provenance(ProvidedBy by, Optional<String> organisation, Instant receivedAt) {
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
