package jp.tsunagu.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jp.tsunagu.directory.PatientId;
import jp.tsunagu.record.persistence.ItemCopyWriter;
import jp.tsunagu.shared.JapanTime;

/**
 * Items encoded for COPY and not yet written: filled with {@link #add} (CPU only, no database), then
 * handed to {@link RecordBulkLoad#write}. A batch can be filled on one thread while the previous one
 * is written on another; one batch is not for two threads at once.
 *
 * <p>Provenance is computed exactly as {@link RecordService} computes it for the row-by-row path:
 * the same content hash, category and retention from the same registration time, so a later
 * {@link RecordService#store} of the same item finds it unchanged.
 */
public final class ItemBatch {

    private final ItemCopyWriter.Rows rows;
    private final Instant receivedAt;
    private final RecordProperties properties;

    ItemBatch(ItemCopyWriter.Rows rows, Instant receivedAt, RecordProperties properties) {
        this.rows = rows;
        this.receivedAt = receivedAt;
        this.properties = properties;
    }

    /**
     * Adds items of a patient the record holds nothing for yet under these source keys: the bulk path
     * does not look for earlier versions, and a source key the patient already has fails the write.
     */
    public ItemBatch add(PatientId patient, Collection<NewItem> items) {
        LocalDate registered = JapanTime.dateOf(receivedAt);
        for (NewItem item : items) {
            ItemContent content = item.content();
            rows.add(new ItemId(timeOrdered()), patient, content, item.source(), RecordService.contentSha256(item), receivedAt,
                    registered.plus(properties.retentionOf(content.category())), item.undisclosed(),
                    item.sensitiveLabels());
        }
        return this;
    }

    /**
     * A version 7 UUID (RFC 9562): milliseconds since the epoch, then random bits. Ids of one batch
     * sort together, so the COPY appends to the right edge of the primary-key index (and of the detail
     * tables' keys) instead of touching a random page of it for every row, which keeps a load of tens
     * of millions of items in cache. Nothing reads meaning into an item id, whatever its version.
     */
    static UUID timeOrdered() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** Record items (one per {@link NewItem}). */
    public long items() {
        return rows.items();
    }

    /** Rows over all record tables: items, their typed rows and document sections. */
    public long rows() {
        return rows.rows();
    }

    /** Size of the encoded rows, for sizing batches. */
    public long bytes() {
        return rows.bytes();
    }

    ItemCopyWriter.Rows encoded() {
        return rows;
    }
}
