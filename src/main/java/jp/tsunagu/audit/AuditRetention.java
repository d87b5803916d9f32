package jp.tsunagu.audit;

import jp.tsunagu.identity.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Once a night (03:30 Japan time) the rows past retention go; the chain stays verifiable. */
@Configuration
@EnableScheduling
class AuditRetention {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);

    private final AccessLog log;

    AuditRetention(AccessLog log) {
        this.log = log;
    }

    @Scheduled(cron = "0 30 3 * * *", zone = "Asia/Tokyo")
    void purge() {
        int removed = SystemActor.call("audit-retention", log::purgeExpired);
        LOG.info("Access log retention: {} rows past retention removed", removed);
    }
}
