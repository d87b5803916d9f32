package jp.tsunagu.record;

import jp.tsunagu.directory.PatientId;

/** A sender's own entry, as the standard FHIR update addresses it: whose it is and how it is keyed. */
public record SenderEntry(ItemId id, PatientId patient, String sourceKey) {

    /** The FHIR resource type the entry was received as (its key starts with it). */
    public String resourceType() {
        int bar = sourceKey.indexOf('|');
        return bar < 0 ? sourceKey : sourceKey.substring(0, bar);
    }
}
