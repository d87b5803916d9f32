package jp.tsunagu.record;

import java.util.Map;
import java.util.UUID;

import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.Authorities;
import jp.tsunagu.record.persistence.RecordStore;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Retention that happens: items past their {@code retain_until} leave the record, except those of
 * patients who chose to keep theirs ({@link MyRecord#keepBeyondRetention}). The database owner's
 * function decides what has expired by its own clock and logs every purge ({@code record_purge}); the
 * portal only asks. Derived data (the cohort index) learns of each changed record.
 */
@Service
public class RecordRetention {

    /** Items removed per transaction: a night's backlog goes in short transactions, not one long lock. */
    static final int BATCH = 5_000;

    private final RecordStore store;
    private final ApplicationEventPublisher events;

    RecordRetention(RecordStore store, ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
    }

    /** One batch; answers how many items left. Call again until it answers 0. */
    @PreAuthorize(Authorities.IS_SYSTEM)
    @Transactional
    public int purgeExpiredBatch() {
        Map<UUID, Integer> removed = store.purgeExpired(BATCH);
        removed.keySet().forEach(patient -> events.publishEvent(RecordChanged.of(new PatientId(patient))));
        return removed.values().stream().mapToInt(Integer::intValue).sum();
    }
}
