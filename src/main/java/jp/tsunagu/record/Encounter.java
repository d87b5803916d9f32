package jp.tsunagu.record;

import java.time.Instant;
import java.util.Optional;

/** A visit or a stay. An inpatient stay without an end occupies a bed now. */
public record Encounter(EncounterClass encounterClass, String status, Optional<String> wardType,
        Optional<Instant> start, Optional<Instant> end) implements ItemContent {

    public enum EncounterClass { AMB, IMP, EMER, HH, VR, OTHER }

    @Override
    public ItemKind kind() {
        return ItemKind.ENCOUNTER;
    }

    @Override
    public RecordCategory category() {
        return RecordCategory.ENCOUNTER;
    }

    @Override
    public Optional<Instant> effectiveAt() {
        return start;
    }
}
