package jp.tsunagu.audit;

import jp.tsunagu.identity.SystemActor;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The log's housekeeping: once a night (03:30 Japan time) the rows past retention go, the chain
 * staying verifiable; every few minutes, and when the portal starts and stops, the chain's head is
 * checkpointed outside the database.
 */
@Configuration
@EnableScheduling
class AuditRetention {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);

    private final AccessLog log;

    AuditRetention(AccessLog log) {
        this.log = log;
    }

    @Scheduled(fixedDelayString = "${tsunagu.audit.checkpoint-interval:PT5M}", initialDelay = 0)
    void checkpoint() {
        SystemActor.call("audit-checkpoint", log::checkpoint).ifPresent(written ->
                LOG.debug("Access log checkpoint: row {}", written.seq()));
    }

    @PreDestroy
    void lastCheckpoint() {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            LOG.warn("The access log's last checkpoint could not be written: {}", e.getMessage());
        }
    }

    @Scheduled(cron = "0 30 3 * * *", zone = "Asia/Tokyo")
    void purge() {
        int removed = SystemActor.call("audit-retention", log::purgeExpired);
        LOG.info("Access log retention: {} rows past retention removed", removed);
    }
}
