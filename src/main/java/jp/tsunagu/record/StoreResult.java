package jp.tsunagu.record;

import java.util.List;

/** What a batch changed, item by item. {@code alreadyImported}: the same bundle was stored before. */
public record StoreResult(boolean alreadyImported, List<ItemOutcome> items) {

    public enum Outcome { ADDED, UPDATED, UNCHANGED }

    /** @param id the item's row, in the batch's order: new, replaced or left as it was */
    public record ItemOutcome(ItemId id, ItemKind kind, RecordCategory category, String label, Outcome outcome) {
    }

    public StoreResult {
        items = List.copyOf(items);
    }

    public long count(Outcome outcome) {
        return items.stream().filter(i -> i.outcome() == outcome).count();
    }
}
