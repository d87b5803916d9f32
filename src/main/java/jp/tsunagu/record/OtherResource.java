package jp.tsunagu.record;

import java.time.Instant;
import java.util.Optional;

/** A resource the record does not model (an exam finding, an attachment …): kept whole and listed, never dropped. */
public record OtherResource(String resourceType, Optional<String> summary, Optional<Instant> effectiveAt)
        implements ItemContent {

    @Override
    public ItemKind kind() {
        return ItemKind.OTHER;
    }

    @Override
    public RecordCategory category() {
        return RecordCategory.OTHER;
    }
}
