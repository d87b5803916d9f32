package jp.tsunagu.insights;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jp.tsunagu.consent.ConsentsChangedInBulk;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.record.RecordChanged;
import jp.tsunagu.research.PublicRelease;
import jp.tsunagu.research.RegisterChanged;
import jp.tsunagu.shared.CoalescingJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The public figures, precomputed: refreshed at start, every {@code tsunagu.insights.refresh} and after bulk
 * changes, on a thread of their own (one refresh at a time, requests during one make one more). Pages only
 * read the last result, so a page view never runs the statistics.
 */
@Service
@EnableConfigurationProperties(InsightsProperties.class)
public class Insights {

    private static final Logger log = LoggerFactory.getLogger(Insights.class);

    private final FigureCalculator calculator;
    private final PublicRelease release;
    private final Clock clock;
    private final AtomicReference<PublicFigures> current = new AtomicReference<>(PublicFigures.none());
    private final CoalescingJob job = new CoalescingJob("public-figures", this::compute);

    Insights(FigureCalculator calculator, PublicRelease release, Optional<Clock> clock) {
        this.calculator = calculator;
        this.release = release;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** The last computed figures (empty until the first refresh has finished). Anyone may read them. */
    @PreAuthorize("permitAll()")
    public PublicFigures current() {
        return current.get();
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        refresh();
    }

    @Scheduled(fixedDelayString = "${tsunagu.insights.refresh:10m}", initialDelayString = "${tsunagu.insights.refresh:10m}")
    void onSchedule() {
        refresh();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void recordsChanged(RecordChanged event) {
        if (event.patient().isEmpty()) {
            refresh();
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void consentsChanged(ConsentsChangedInBulk event) {
        refresh();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void registerChanged(RegisterChanged event) {
        refresh();
    }

    /** Starts a refresh, or asks for one more after the running one; returns when it will be done. */
    Future<?> refresh() {
        return job.request();
    }

    private void compute() {
        long start = System.nanoTime();
        Instant now = clock.instant();
        current.set(SystemActor.call("public figures", () -> computeAt(now)));
        log.info("Public figures computed in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * The figures at {@code now}, as the system. Their people go into the release ledger in a short transaction
     * of their own after the long read-only one, so sponsors' releases wait on the ledger's lock only briefly.
     */
    PublicFigures computeAt(Instant now) {
        PublicRelease.Batch batch = release.begin();
        PublicFigures figures = calculator.compute(now, batch);
        release.enter(batch, now);
        return figures;
    }

    @PreDestroy
    void stop() {
        job.close();
    }
}
