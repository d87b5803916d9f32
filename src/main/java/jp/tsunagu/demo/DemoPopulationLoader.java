package jp.tsunagu.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PreDestroy;
import jp.tsunagu.consent.ConsentBulkLoad;
import jp.tsunagu.consent.ConsentCategories;
import jp.tsunagu.consent.Purpose;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.shared.DemoMode;
import jp.tsunagu.shared.JapanTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Fills an empty demo database with the synthetic population on first start: the organisations, the
 * two demo patients (linked to the accounts patient.sato and patient.suzuki, first, so that they can
 * sign in at once) and {@code tsunagu.demo.population.patients} more people.
 *
 * <p>It runs after the portal is ready, on a thread of its own, so it never delays readiness. A
 * database that already holds the whole population costs one index lookup; one that holds part of it
 * (the portal was stopped during the load) is completed. The log shows counts only, never a person.
 */
@Component
@DemoMode
class DemoPopulationLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoPopulationLoader.class);

    /** What the load found or did. */
    record Outcome(boolean alreadyLoaded, int patientsLoaded, long itemsLoaded, Duration elapsed) {
    }

    private final PopulationLoader loader;
    private final DemoPopulationProperties properties;
    private final Clock clock;
    private final CompletableFuture<Outcome> completion = new CompletableFuture<>();
    private volatile boolean stopping;
    private volatile Optional<Thread> worker = Optional.empty();

    DemoPopulationLoader(PopulationLoader loader, DemoPopulationProperties properties, Optional<Clock> clock) {
        this.loader = loader;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @EventListener(ApplicationReadyEvent.class)
    void startAfterReadiness() {
        if (properties.patients() == 0) {
            completion.complete(new Outcome(true, 0, 0, Duration.ZERO));
            return;
        }
        Thread thread = Thread.ofPlatform().name("demo-population").daemon(true).unstarted(() -> {
            try {
                completion.complete(load());
            } catch (RuntimeException e) {
                if (stopping) {
                    log.info("Demo population load stopped with the portal; the next start completes it");
                } else {
                    log.error("Demo population load failed; the next start tries again", e);
                }
                completion.completeExceptionally(e);
            }
        });
        worker = Optional.of(thread);
        thread.start();
    }

    /** Completes when the load started at readiness has finished (immediately when disabled). */
    CompletableFuture<Outcome> completion() {
        return completion;
    }

    /** Loads what is missing, on the calling thread; also what the readiness thread runs. */
    Outcome load() {
        return SystemActor.call(PopulationLoader.REASON, this::loadAsSystem);
    }

    private Outcome loadAsSystem() {
        long start = System.nanoTime();
        int patients = properties.patients();
        LocalDate today = properties.today() != null ? properties.today() : JapanTime.dateOf(clock.instant());
        SyntheticPopulation population = new SyntheticPopulation(properties.seed(), today);
        // Idempotent, and first: a demo database from an earlier version gains organisations added since
        // (the demo trial sponsor) even when its patients are all there.
        Map<String, OrganisationId> organisations = loader.registerOrganisations(population);
        if (loader.complete(patients)) {
            log.info("Demo population already loaded ({} patients)", patients);
            return new Outcome(true, 0, 0, Duration.ofNanos(System.nanoTime() - start));
        }
        loader.loadDemoPatients(population, organisations);
        log.info("Demo population: {} organisations and the demo patients are in; loading {} patients",
                organisations.size(), patients);
        // Chunks of at most a tenth, so that the log shows every 10 %.
        int chunk = Math.min(properties.chunkSize(), Math.max(1, (patients + 9) / 10));
        int[] lastDecile = {0};
        PopulationLoader.Report report = loader.load(population, organisations, 1, patients, chunk, 1,
                (done, total, items) -> {
                    int decile = (int) (done * 10L / total);
                    if (decile > lastDecile[0]) {
                        lastDecile[0] = decile;
                        log.info("Demo population: {} % ({} of {} patients, {} items)", decile * 10, done, total, items);
                    }
                }, () -> stopping);
        int settled = settleConsents(patients);
        int optedIn = optInForTrials(patients);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        log.info("Demo population: {} synthetic patients have made sharing choices, {} opted in to trial recruitment",
                settled, optedIn);
        log.info("Demo population ready: {} patients and {} items loaded ({} already there) in {} ms",
                report.patients(), report.items(), report.skipped(), elapsed.toMillis());
        return new Outcome(false, report.patients(), report.items(), elapsed);
    }

    /**
     * A spread of choices such as real people make, so that the public figures show something: about seven in
     * ten share with the hospitals treating them (most everything, some only what keeps them safe: allergies,
     * medicines, diagnoses, lab results), and about one in ten has turned research, post-market surveillance
     * or public health off. Deterministic from the person's number, like the rest of the population.
     */
    static ConsentBulkLoad.Standing standing(int n) {
        int share = Math.floorMod(mix(n, 0x5EED), 100);
        Set<RecordCategory> shared = share < 45 ? ConsentCategories.SHAREABLE
                : share < 65 ? SAFETY_FIRST
                : share < 72 ? Set.of(RecordCategory.DRUG_ALLERGY, RecordCategory.OTHER_ALLERGY, RecordCategory.PRESCRIPTION)
                : Set.of();
        int out = Math.floorMod(mix(n, 0x0FF), 100);
        Set<Purpose> optedOut = out < 5 ? Set.of(Purpose.RESEARCH)
                : out < 8 ? Set.of(Purpose.RESEARCH, Purpose.POST_MARKET)
                : out < 10 ? Set.of(Purpose.RESEARCH, Purpose.POST_MARKET, Purpose.PUBLIC_HEALTH)
                : Set.of();
        return new ConsentBulkLoad.Standing(shared, optedOut);
    }

    private static final Set<RecordCategory> SAFETY_FIRST = Set.of(RecordCategory.DRUG_ALLERGY,
            RecordCategory.OTHER_ALLERGY, RecordCategory.PRESCRIPTION, RecordCategory.DIAGNOSIS, RecordCategory.LAB);

    /** A well-spread number from the person's number, so that choices do not line up with other n-based traits. */
    private static int mix(int n, int salt) {
        int h = n * 0x9E3779B1 + salt;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        return h ^ (h >>> 13);
    }

    private int settleConsents(int patients) {
        Map<String, ConsentBulkLoad.Standing> byKey = new java.util.HashMap<>();
        for (int n = 1; n <= patients; n++) {
            byKey.put(SyntheticPopulation.key(n), standing(n));
        }
        return loader.settleConsents(byKey);
    }

    /**
     * About a third of the synthetic people have turned trial recruitment on, so that a sponsor's counts
     * in the demo find someone; the two demo patients decide for themselves on their consent screen.
     */
    private int optInForTrials(int patients) {
        List<String> keys = new java.util.ArrayList<>();
        for (int n = 3; n <= patients; n += 3) {
            keys.add(SyntheticPopulation.key(n));
        }
        return loader.optInForTrials(keys);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        Optional<Thread> thread = worker;
        if (thread.isPresent()) {
            // Between chunks the loader stops by itself; a chunk in flight rolls back when the pool closes.
            thread.get().join(Duration.ofSeconds(20));
        }
    }
}
