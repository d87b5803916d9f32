package jp.tsunagu.consent;

import jp.tsunagu.identity.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every hour: break-the-glass events waiting for a steward's review longer than 24 hours raise a
 * warning in the operations log (monitoring alerts on it); the steward's queue flags them too.
 */
@Component
class ReviewAlerts {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewAlerts.class);

    private final BreakGlass breakGlass;

    ReviewAlerts(BreakGlass breakGlass) {
        this.breakGlass = breakGlass;
    }

    @Scheduled(cron = "0 0 * * * *", zone = "Asia/Tokyo")
    void alert() {
        long overdue = SystemActor.call("review-alerts", breakGlass::overdueReviews);
        if (overdue > 0) {
            LOG.warn("ALERT: {} break-the-glass event(s) unreviewed for more than {} hours", overdue,
                    BreakGlass.REVIEW_DUE.toHours());
        }
    }
}
