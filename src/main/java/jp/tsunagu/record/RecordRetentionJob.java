package jp.tsunagu.record;

import jp.tsunagu.identity.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every night at 03:45 in Japan, after the access log's own retention (03:30). */
@Component
class RecordRetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RecordRetentionJob.class);
    /** A night's cap: a backlog larger than this (a first run on old data) continues the next night. */
    private static final int MAX_BATCHES = 200;

    private final RecordRetention retention;

    RecordRetentionJob(RecordRetention retention) {
        this.retention = retention;
    }

    @Scheduled(cron = "0 45 3 * * *", zone = "Asia/Tokyo")
    void purge() {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int removed = SystemActor.call("record-retention", retention::purgeExpiredBatch);
            total += removed;
            if (removed < RecordRetention.BATCH) {
                break;
            }
        }
        log.info("Record retention: {} expired item(s) removed", total);
    }
}
