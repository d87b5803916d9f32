package jp.tsunagu.research.counting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import jakarta.annotation.PreDestroy;
import jp.tsunagu.consent.ConsentChanged;
import jp.tsunagu.consent.ConsentsChangedInBulk;
import jp.tsunagu.consent.Purpose;
import jp.tsunagu.consent.PurposeConsents;
import jp.tsunagu.directory.DirectoryFacts;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.record.CountableFacts;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.record.RecordChanged;
import jp.tsunagu.research.counting.persistence.IndexStore;
import jp.tsunagu.shared.CoalescingJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the cohort index current: built from PostgreSQL when the portal is ready, then followed from
 * change events. A consent change is applied in the thread that committed it, before the patient's
 * request returns, so the next count already excludes a patient who revoked; a changed record puts the
 * patient into the overlay; a bulk load, a large overlay, and every night at 04:00 rebuild the whole
 * index ("rebuilt when in doubt"). Directives that start or end by the clock are picked up each minute.
 */
@Component
public class CohortIndexMaintenance {

    private static final Logger log = LoggerFactory.getLogger(CohortIndexMaintenance.class);
    private static final String REASON = "research cohort index";
    private static final int OVERLAY_LIMIT = 20_000;

    private final CohortEngine engine;
    private final IndexStore store;
    private final CountableFacts facts;
    private final DirectoryFacts directory;
    private final PurposeConsents consents;
    private final TransactionTemplate newTransaction;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate snapshot;
    private final Clock clock;
    private final CoalescingJob builder = new CoalescingJob("cohort-index", this::build);
    /** Guards {@link #changedDuringBuild}. */
    private final Object state = new Object();
    private final Set<PatientId> changedDuringBuild = new LinkedHashSet<>();
    private Instant boundariesCheckedUntil;
    private volatile boolean ready;

    CohortIndexMaintenance(CohortEngine engine, IndexStore store, CountableFacts facts, DirectoryFacts directory,
            PurposeConsents consents, PlatformTransactionManager transactions, Optional<Clock> clock) {
        this.engine = engine;
        this.store = store;
        this.facts = facts;
        this.directory = directory;
        this.consents = consents;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readOnly.setReadOnly(true);
        // The build reads several tables; one snapshot makes them agree (no item without its patient).
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.clock = clock.orElse(Clock.systemUTC());
        this.boundariesCheckedUntil = this.clock.instant();
    }

    @EventListener(ApplicationReadyEvent.class)
    void buildAtStart() {
        requestBuild();
    }

    /** Whether the first build has finished: before that a count would be of nobody, so it waits. */
    public boolean ready() {
        return ready;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void recordChanged(RecordChanged event) {
        if (event.patient().isEmpty()) {
            requestBuild();
            return;
        }
        safely(() -> refresh(event.patient().get()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void consentChanged(ConsentChanged event) {
        safely(() -> refreshConsent(event.patient()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void consentsChangedInBulk(ConsentsChangedInBulk event) {
        requestBuild();
    }

    /**
     * The change has committed; the patient's request must not fail because the index could not follow.
     * When in doubt, rebuild.
     */
    private void safely(Runnable update) {
        try {
            update.run();
        } catch (RuntimeException e) {
            log.error("Cohort index could not follow a change; rebuilding", e);
            requestBuild();
        }
    }

    /** Directives with a start or an end between the last check and now changed their answer by the clock. */
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void followTheClock() {
        Instant now = clock.instant();
        Instant from = boundariesCheckedUntil;
        List<PatientId> changed = SystemActor.call(REASON, () -> consents.boundariesBetween(from, now));
        changed.forEach(this::refreshConsent);
        boundariesCheckedUntil = now;
    }

    @Scheduled(cron = "0 0 4 * * *", zone = "Asia/Tokyo")
    void nightly() {
        requestBuild();
    }

    /** Starts a build, or, when one is running, one more after it (many requests during a load make two). */
    public Future<?> requestBuild() {
        return builder.request();
    }

    /** Waits until no build is running or asked for (tests, and the benchmark). */
    public void awaitIdle(Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (!builder.running() && ready) {
                return;
            }
            Optional<Future<?>> future = builder.current();
            if (future.isPresent()) {
                future.get().get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            } else {
                Thread.sleep(20);
            }
        }
        throw new java.util.concurrent.TimeoutException("the cohort index did not finish building");
    }

    private void build() {
        long start = System.nanoTime();
        synchronized (state) {
            changedDuringBuild.clear();
        }
        Built built = SystemActor.call(REASON, this::read);
        // Changes that committed while the tables were being read: read afresh and installed with the new
        // index in one step, so that no count sees the build without them (a revocation stays revoked).
        Set<PatientId> first = drainChanged();
        List<Update> updates = SystemActor.call(REASON, () -> first.stream().map(this::read).toList());
        engine.replace(built.index(), built.exceptions(), updates.stream()
                .map(u -> new CohortEngine.Update(u.facts(), u.number(), u.consents())).toList());
        ready = true;
        // Whatever committed during the swap was applied to the old index: once more, on the new one.
        drainChanged().forEach(this::refresh);
        log.info("Cohort index built: {} patients, {} KB, {} ms", built.index().size, engine.bytes() >> 10,
                (System.nanoTime() - start) / 1_000_000);
    }

    private Set<PatientId> drainChanged() {
        synchronized (state) {
            Set<PatientId> changed = new LinkedHashSet<>(changedDuringBuild);
            changedDuringBuild.clear();
            return changed;
        }
    }

    /** A patient's facts (empty when they are gone) and consent, read in one transaction. */
    private record Update(int number, Optional<PatientFacts> facts, Map<Purpose, Set<RecordCategory>> consents) {
    }

    private Update read(PatientId patient) {
        int number = newTransaction.execute(tx -> store.numberOf(patient));
        return readOnly.execute(tx -> new Update(number, Optional.ofNullable(facts(patient, number)), permitted(patient)));
    }

    private record Built(CohortIndex index, Map<Purpose, Map<Integer, Set<RecordCategory>>> exceptions) {
    }

    private Built read() {
        Map<PatientId, Integer> numbers = newTransaction.execute(tx -> store.numberEveryone(directory.patientsInOrder()));
        return snapshot.execute(tx -> {
            Instant now = clock.instant();
            IndexBuilder builder = new IndexBuilder();
            // Patients registered after the numbering wait for the overlay (their RecordChanged), as their items do.
            directory.demographics(Optional.empty(), (patient, birth, sex, prefecture) ->
                    numbered(numbers, patient, n -> builder.patient(n, birth, sex, prefecture)));
            facts.diagnoses(Optional.empty(), (patient, code, name) ->
                    numbered(numbers, patient, n -> builder.diagnosis(n, code, name)));
            facts.prescriptions(Optional.empty(), (patient, code, name) ->
                    numbered(numbers, patient, n -> builder.prescription(n, code, name)));
            facts.labs(Optional.empty(), (patient, code, name, unit, value, low, high, day) ->
                    numbered(numbers, patient, n -> builder.lab(n, code, name, unit, value, low, high, Months.of(day))));
            Map<Purpose, Map<Integer, Set<RecordCategory>>> exceptions = new EnumMap<>(Purpose.class);
            for (Purpose purpose : CohortEngine.PURPOSES) {
                Map<Integer, Set<RecordCategory>> byNumber = new HashMap<>();
                consents.exceptions(purpose, now).forEach((patient, categories) ->
                        numbered(numbers, patient, n -> byNumber.put(n, categories)));
                exceptions.put(purpose, byNumber);
            }
            return new Built(builder.build(), exceptions);
        });
    }

    private static void numbered(Map<PatientId, Integer> numbers, PatientId patient, IntConsumer then) {
        Integer number = numbers.get(patient);
        if (number != null) {
            then.accept(number);
        }
    }

    /** Reads the patient's facts and consent afresh into the overlay. */
    void refresh(PatientId patient) {
        synchronized (state) {
            if (builder.running()) {
                changedDuringBuild.add(patient);
            }
        }
        // Read and apply under the patient's stripe: an older answer can never be applied after a newer one.
        synchronized (stripe(patient)) {
            Update update = SystemActor.call(REASON, () -> read(patient));
            update.facts().ifPresent(facts -> engine.update(facts, update.consents()));
        }
        if (engine.overlaySize() > OVERLAY_LIMIT) {
            requestBuild();
        }
    }

    private void refreshConsent(PatientId patient) {
        synchronized (state) {
            if (builder.running()) {
                changedDuringBuild.add(patient);
            }
        }
        synchronized (stripe(patient)) {
            SystemActor.run(REASON, () -> {
                Optional<Integer> number = readOnly.execute(tx -> Optional.ofNullable(store.numbers(List.of(patient))
                        .get(patient)));
                number.ifPresent(n -> engine.consent(n, permitted(patient)));
            });
        }
    }

    private final Object[] stripes = java.util.stream.IntStream.range(0, 64).mapToObj(i -> new Object()).toArray();

    private Object stripe(PatientId patient) {
        return stripes[Math.floorMod(patient.value().hashCode(), stripes.length)];
    }

    private Map<Purpose, Set<RecordCategory>> permitted(PatientId patient) {
        Instant now = clock.instant();
        Map<Purpose, Set<RecordCategory>> permitted = new EnumMap<>(Purpose.class);
        readOnly.executeWithoutResult(tx -> CohortEngine.PURPOSES.forEach(
                purpose -> permitted.put(purpose, consents.permitted(patient, purpose, now))));
        return permitted;
    }

    private @org.jspecify.annotations.Nullable PatientFacts facts(PatientId patient, int number) {
        Optional<PatientId> only = Optional.of(patient);
        PatientFacts[] found = new PatientFacts[1];
        directory.demographics(only, (p, birth, sex, prefecture) -> found[0] = new PatientFacts(number, birth, sex,
                prefecture, Set.of(), Set.of(), List.of()));
        if (found[0] == null) {
            return null;
        }
        Set<String> diagnoses = new java.util.HashSet<>();
        Set<String> prescriptions = new java.util.HashSet<>();
        List<PatientFacts.LabFact> labs = new java.util.ArrayList<>();
        facts.diagnoses(only, (p, code, name) -> diagnoses.add(IndexBuilder.normalise(code)));
        facts.prescriptions(only, (p, code, name) -> prescriptions.add(IndexBuilder.normalise(code)));
        facts.labs(only, (p, code, name, unit, value, low, high, day) ->
                labs.add(new PatientFacts.LabFact(IndexBuilder.normalise(code), value, Months.of(day))));
        PatientFacts f = found[0];
        return new PatientFacts(f.number(), f.birthDate(), f.sex(), f.prefecture(), diagnoses, prescriptions, labs);
    }

    @PreDestroy
    void stop() {
        builder.close();
    }
}
