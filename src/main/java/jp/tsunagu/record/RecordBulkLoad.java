package jp.tsunagu.record;

import java.time.Clock;
import java.util.Collection;
import java.util.Optional;

import jp.tsunagu.identity.Authorities;
import jp.tsunagu.record.persistence.ItemCopyWriter;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads many items at once with PostgreSQL COPY: the synthetic population of the demo mode and the
 * load benchmark. Only the portal itself may do this ({@link Authorities#IS_SYSTEM}): it skips the
 * per-item idempotency of {@link RecordService#store}, so it is for patients whose record does not
 * hold these items yet (a repeated source key fails the whole write, it never duplicates).
 *
 * <p>Rows written here are the rows {@link RecordService} would write (same columns through
 * {@code ItemColumns}, same content hash, category and retention); only the item ids and the
 * missing {@code record_import} row differ, as for any item born in the portal.
 */
@Service
public class RecordBulkLoad {

    private final ItemCopyWriter writer;
    private final RecordProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    RecordBulkLoad(ItemCopyWriter writer, RecordProperties properties, Optional<Clock> clock,
            ApplicationEventPublisher events) {
        this.writer = writer;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
        this.events = events;
    }

    /** An empty batch; its items count as registered now. */
    @PreAuthorize(Authorities.IS_SYSTEM)
    public ItemBatch newBatch() {
        return new ItemBatch(writer.newRows(), clock.instant(), properties);
    }

    /**
     * Writes the batch in the caller's transaction (or its own): together with the patients the items
     * belong to, when the caller registered them in the same transaction.
     *
     * @return the number of record items written
     */
    @PreAuthorize(Authorities.IS_SYSTEM)
    @Transactional
    public long write(ItemBatch batch) {
        events.publishEvent(RecordChanged.many());
        return writer.write(batch.encoded());
    }

    /** {@link #newBatch}, {@link ItemBatch#add} for each patient and {@link #write} in one call. */
    @PreAuthorize(Authorities.IS_SYSTEM)
    @Transactional
    public long store(Collection<PatientItems> patients) {
        ItemBatch batch = new ItemBatch(writer.newRows(), clock.instant(), properties);
        for (PatientItems patient : patients) {
            batch.add(patient.patient(), patient.items());
        }
        events.publishEvent(RecordChanged.many());
        return writer.write(batch.encoded());
    }
}
