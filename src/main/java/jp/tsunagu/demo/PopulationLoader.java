package jp.tsunagu.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import jp.tsunagu.directory.BulkPatient;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.DirectoryBulkLoad;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.OrganisationDetails;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.record.ItemBatch;
import jp.tsunagu.record.NewItem;
import jp.tsunagu.record.RecordBulkLoad;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts a synthetic population into the database through the bulk path (COPY), chunk by chunk: each
 * chunk's patients, identifiers, care relationships and record items commit in one transaction, and
 * patients already there are skipped, so an interrupted load resumes where it stopped and loading
 * twice adds nothing.
 *
 * <p>While chunks are written (by one or more writers, each on its own connection), the next is
 * generated and encoded on another thread: the JVM generates while PostgreSQL ingests. Callers run as
 * the system ({@link SystemActor}); the loader's own threads do so by themselves.
 */
@Component
class PopulationLoader {

    static final String REASON = "demo-population";

    /** What a load did; durations summed over chunks (generation overlaps writing). */
    record Report(int patients, int skipped, long items, long rows, long bytes, Duration elapsed, Duration preparing,
            Duration writing) {
    }

    /** Called after each chunk with the patient numbers done so far (loaded or already there). */
    interface Progress {
        void done(int patientsDone, int patientsTotal, long itemsSoFar);
    }

    private record Chunk(List<BulkPatient> patients, ItemBatch items, int skipped, long nanos) {
    }

    private final DirectoryBulkLoad directory;
    private final Directory directoryService;
    private final RecordBulkLoad records;
    private final jp.tsunagu.consent.ConsentBulkLoad consents;
    private final TransactionTemplate transaction;

    PopulationLoader(DirectoryBulkLoad directory, Directory directoryService, RecordBulkLoad records,
            jp.tsunagu.consent.ConsentBulkLoad consents, PlatformTransactionManager transactions) {
        this.consents = consents;
        this.directory = directory;
        this.directoryService = directoryService;
        this.records = records;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Every hospital and clinic, by 医療機関コード; ones registered before keep their id and name. */
    Map<String, OrganisationId> registerOrganisations(SyntheticPopulation population) {
        Map<Identifier, OrganisationId> ids = directory.registerOrganisations(population.organisations());
        Map<String, OrganisationId> byCode = new HashMap<>();
        for (OrganisationDetails organisation : population.organisations()) {
            byCode.put(organisation.identifier().value(), ids.get(organisation.identifier()));
        }
        return byCode;
    }

    /** Turns trial recruitment on for these synthetic people (by identifier value), as their own switch would. */
    int optInForTrials(List<String> keys) {
        return consents.optIn(directory.patientsByIdentifier(SyntheticPopulation.SYSTEM, keys).values(),
                jp.tsunagu.consent.Purpose.TRIAL_RECRUITMENT, "demo");
    }

    /** Writes these synthetic people's sharing and opt-outs (by identifier value), as their consent screen would. */
    int settleConsents(Map<String, jp.tsunagu.consent.ConsentBulkLoad.Standing> byKey) {
        Map<String, jp.tsunagu.directory.PatientId> ids = directory.patientsByIdentifier(SyntheticPopulation.SYSTEM,
                byKey.keySet());
        Map<jp.tsunagu.directory.PatientId, jp.tsunagu.consent.ConsentBulkLoad.Standing> choices = new HashMap<>();
        ids.forEach((key, id) -> choices.put(id, byKey.get(key)));
        return consents.settle(choices, "demo");
    }

    /** Whether patients 1..{@code patients} and the demo patients are all there: one index lookup. */
    boolean complete(int patients) {
        List<String> keys = new ArrayList<>(List.of(SyntheticPopulation.SATO, SyntheticPopulation.SUZUKI));
        if (patients > 0) {
            keys.add(SyntheticPopulation.key(patients));
        }
        return directory.patientsByIdentifier(SyntheticPopulation.SYSTEM, keys).size() == keys.size();
    }

    /** Loads 佐藤 花子 and 鈴木 一郎 unless present and links the demo accounts to them. */
    Map<String, PatientId> loadDemoPatients(SyntheticPopulation population, Map<String, OrganisationId> organisations) {
        List<SyntheticPatient> people = population.demoPatients();
        Map<String, PatientId> existing = directory.patientsByIdentifier(SyntheticPopulation.SYSTEM,
                people.stream().map(SyntheticPatient::key).toList());
        List<BulkPatient> patients = new ArrayList<>();
        ItemBatch items = records.newBatch();
        Map<String, PatientId> ids = new HashMap<>(existing);
        for (SyntheticPatient person : people) {
            if (!existing.containsKey(person.key())) {
                PatientId id = PatientId.random();
                ids.put(person.key(), id);
                add(person, id, organisations, patients, items);
            }
        }
        if (!patients.isEmpty()) {
            transaction.executeWithoutResult(status -> {
                directory.registerPatients(patients);
                records.write(items);
            });
        }
        directoryService.linkAccount(ids.get(SyntheticPopulation.SATO), "patient.sato");
        directoryService.linkAccount(ids.get(SyntheticPopulation.SUZUKI), "patient.suzuki");
        return ids;
    }

    /**
     * Loads patients {@code from}..{@code to} (inclusive) in chunks; stops between chunks when cancelled.
     *
     * @param writers chunks written at once, each on its own connection and transaction; more than one
     *     lets PostgreSQL use more than one core (its COPY is what limits the speed)
     */
    Report load(SyntheticPopulation population, Map<String, OrganisationId> organisations, int from, int to,
            int chunkSize, int writers, Progress progress, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        Totals totals = new Totals();
        ExecutorService preparer = Executors.newSingleThreadExecutor(daemon("demo-population-prepare"));
        ExecutorService writer = Executors.newFixedThreadPool(writers, daemon("demo-population-write"));
        // Bounds memory: a chunk is prepared only when a writer will soon be free for it.
        Semaphore inFlight = new Semaphore(writers + 1);
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        try {
            for (int first = from; first <= to && !cancelled.getAsBoolean() && totals.failure == null;
                    first += chunkSize) {
                inFlight.acquire();
                int last = Math.min(to, first + chunkSize - 1);
                int chunkFrom = first;
                pending.add(CompletableFuture
                        .supplyAsync(() -> SystemActor.call(REASON, () -> prepare(population, organisations,
                                chunkFrom, last)), preparer)
                        .thenAcceptAsync(chunk -> SystemActor.run(REASON, () -> write(chunk, totals, to - from + 1,
                                progress)), writer)
                        .whenComplete((ignored, failure) -> {
                            if (failure != null) {
                                totals.fail(failure);
                            }
                            inFlight.release();
                        }));
                pending.removeIf(CompletableFuture::isDone);
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            preparer.shutdownNow();
            writer.shutdownNow();
        }
        if (totals.failure != null) {
            Throwable cause = totals.failure instanceof CompletionException c && c.getCause() != null ? c.getCause()
                    : totals.failure;
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
        synchronized (totals) {
            return new Report(totals.loaded, totals.skipped, totals.items, totals.rows, totals.bytes,
                    Duration.ofNanos(System.nanoTime() - start), Duration.ofNanos(totals.preparing),
                    Duration.ofNanos(totals.writing));
        }
    }

    /** Chunks are written concurrently: their counts meet here. */
    private static final class Totals {
        int loaded;
        int skipped;
        long items;
        long rows;
        long bytes;
        long preparing;
        long writing;
        volatile @Nullable Throwable failure;

        synchronized void fail(Throwable e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    private void write(Chunk chunk, Totals totals, int total, Progress progress) {
        long writeStart = System.nanoTime();
        if (!chunk.patients().isEmpty()) {
            transaction.executeWithoutResult(status -> {
                directory.registerPatients(chunk.patients());
                records.write(chunk.items());
            });
        }
        synchronized (totals) {
            totals.writing += System.nanoTime() - writeStart;
            totals.preparing += chunk.nanos();
            totals.loaded += chunk.patients().size();
            totals.skipped += chunk.skipped();
            totals.items += chunk.items().items();
            totals.rows += chunk.items().rows() + chunk.patients().size();
            totals.bytes += chunk.items().bytes();
            progress.done(totals.loaded + totals.skipped, total, totals.items);
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private Chunk prepare(SyntheticPopulation population, Map<String, OrganisationId> organisations, int from,
            int to) {
        long start = System.nanoTime();
        List<String> keys = IntStream.rangeClosed(from, to).mapToObj(SyntheticPopulation::key).toList();
        Set<String> existing = directory.patientsByIdentifier(SyntheticPopulation.SYSTEM, keys).keySet();
        List<BulkPatient> patients = new ArrayList<>(keys.size());
        ItemBatch items = records.newBatch();
        for (int n = from; n <= to; n++) {
            if (!existing.contains(SyntheticPopulation.key(n))) {
                add(population.patient(n), timeOrderedPatientId(), organisations, patients, items);
            }
        }
        return new Chunk(patients, items, existing.size(), System.nanoTime() - start);
    }

    /**
     * A version 7 UUID, as {@code ItemBatch} gives items: the patients of one chunk sort together, so
     * the patient-keyed indexes of record_item grow at their right edge during a bulk load.
     */
    private static PatientId timeOrderedPatientId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new PatientId(new UUID(high, low));
    }

    private static void add(SyntheticPatient person, PatientId id, Map<String, OrganisationId> organisations,
            List<BulkPatient> patients, ItemBatch items) {
        patients.add(new BulkPatient(id, person.details(), person.care().stream()
                .map(c -> new BulkPatient.Care(organisation(organisations, c.organisationCode()), c.since()))
                .toList()));
        List<NewItem> newItems = new ArrayList<>(person.items().size());
        for (SyntheticItem item : person.items()) {
            newItems.add(item.toNewItem(item.organisationCode().map(code -> organisation(organisations, code))));
        }
        items.add(id, newItems);
    }

    private static OrganisationId organisation(Map<String, OrganisationId> organisations, String code) {
        return Optional.ofNullable(organisations.get(code))
                .orElseThrow(() -> new IllegalStateException("organisation " + code + " is not registered"));
    }
}
