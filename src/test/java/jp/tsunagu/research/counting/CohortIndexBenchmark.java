package jp.tsunagu.research.counting;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import jp.tsunagu.consent.Purpose;
import jp.tsunagu.demo.SyntheticItem;
import jp.tsunagu.demo.SyntheticPatient;
import jp.tsunagu.demo.SyntheticPopulation;
import jp.tsunagu.directory.PatientDetails;
import jp.tsunagu.directory.Sex;
import jp.tsunagu.record.Diagnosis;
import jp.tsunagu.record.LabResult;
import jp.tsunagu.record.Prescription;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.research.Criterion;
import jp.tsunagu.research.Dimension;
import jp.tsunagu.research.Disclosure;
import jp.tsunagu.research.RareDiseases;
import jp.tsunagu.research.Released;
import jp.tsunagu.research.Vocabulary;
import jp.tsunagu.research.release.LedgerEntry;
import jp.tsunagu.research.release.Perturbation;
import jp.tsunagu.research.release.ReleaseRule;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shared.Prefecture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/**
 * The cohort engine at population scale, without Spring or a database: the synthetic population is
 * generated in memory (in parallel, chunk by chunk), filtered the way the record's {@code CountableFacts} filter the
 * record (nothing 未告知, no sensitive label, diagnoses with an ICD-10 code and not refuted,
 * prescriptions with a code, labs with a code, a numeric value and a time) and fed to one
 * {@link IndexBuilder}. It prints:
 * <ul>
 * <li>generation and index build time, separately (build = feeding the builder plus {@code build()});</li>
 * <li>the consent bitmaps' build time: trial recruitment (opt-in) chosen by ~30% of patients, post-market
 * surveillance (opt-out) refused by ~5%;</li>
 * <li>memory: what {@link CohortEngine#bytes()} reports, and the heap actually retained (used heap after
 * forced collections, before the build and after it with the engine held);</li>
 * <li>the number of distinct diagnosis, drug and lab codes;</li>
 * <li>latency of 500 random definitions of up to 6 criteria (rare disease, age, sex, prefectures, lab,
 * prescription, NOT, combined with AND and sometimes an OR group) counted for trial recruitment after
 * 200 warm-up ones, and of a 50-code OR, as p50/p95/p99/max.</li>
 * </ul>
 * Run with {@code ./mvnw -Pbench verify -Dit.test=CohortIndexBenchmark}; {@code -Dbench.patients=100000}
 * for fewer than the default 1,000,000 patients ({@code -DargLine=-Xmx8g} if the default heap is too
 * small). Nothing is asserted about time.
 */
class CohortIndexBenchmark {

    private static final long SEED = 20250401;
    private static final int CHUNK = 10_000;
    private static final int WARM_UP = 200;
    private static final int QUERIES = 500;
    private static final int MAX_CRITERIA = 6;
    private static final int OR_CODES = 50;
    private static final int OR_WARM_UP = 50;
    private static final int OR_RUNS = 200;
    private static final double TRIAL_OPT_IN = 0.30;
    private static final double POST_MARKET_OPT_OUT = 0.05;
    private static final Set<RecordCategory> EVERY_CATEGORY = Set.copyOf(CohortEngine.CATEGORIES);
    private static final Set<String> NOT_COUNTED = Set.of("refuted", "entered-in-error");

    @Test
    void buildConsentAndCount_syntheticPopulation() throws Exception {
        int patients = Integer.getInteger("bench.patients", 1_000_000);
        LocalDate today = JapanTime.dateOf(Instant.now());
        SyntheticPopulation population = new SyntheticPopulation(SEED, today);
        System.out.println();
        System.out.printf(Locale.ROOT, "=== Cohort index benchmark (%,d patients, %d cores, max heap %,d MB) ===%n",
                patients, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        long heapBefore = settledHeap();

        // Generate chunks in parallel, a few at a time (so that only those are held), and feed them from this thread.
        IndexBuilder builder = new IndexBuilder();
        int chunks = (patients + CHUNK - 1) / CHUNK;
        int wave = 2 * Runtime.getRuntime().availableProcessors();
        long generating = 0;
        long building = 0;
        long[] facts = new long[4];
        for (int first = 0; first < chunks; first += wave) {
            long started = System.nanoTime();
            List<List<PatientRow>> generated = IntStream.range(first, Math.min(chunks, first + wave)).parallel()
                    .mapToObj(c -> generate(population, c * CHUNK + 1, Math.min(patients, (c + 1) * CHUNK)))
                    .toList();
            long fed = System.nanoTime();
            for (List<PatientRow> chunk : generated) {
                for (PatientRow row : chunk) {
                    row.feed(builder);
                    facts[0] += row.items();
                    facts[1] += row.diagnoses().size();
                    facts[2] += row.prescriptions().size();
                    facts[3] += row.labs().size();
                }
            }
            generating += fed - started;
            building += System.nanoTime() - fed;
        }
        long packing = System.nanoTime();
        CohortIndex index = builder.build();
        long packed = System.nanoTime() - packing;
        building += packed;
        builder = null;
        System.out.printf(Locale.ROOT, "generation: %.1f s (%,d record items, parallel on %d cores)%n",
                generating / 1e9, facts[0], Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "index build: %.1f s (one thread; %,d diagnoses, %,d prescriptions, "
                + "%,d lab results counted; packing %.1f s)%n", building / 1e9, facts[1], facts[2], facts[3],
                packed / 1e9);

        long consentStarted = System.nanoTime();
        Map<Purpose, Map<Integer, Set<RecordCategory>>> exceptions = consentExceptions(index.size);
        CohortEngine engine = new CohortEngine();
        engine.replace(index, exceptions);
        double consentSeconds = (System.nanoTime() - consentStarted) / 1e9;
        System.out.printf(Locale.ROOT, "consent: %,d opted in to trial recruitment, %,d opted out of post-market; "
                + "exceptions listed and bitmaps built in %.2f s%n", exceptions.get(Purpose.TRIAL_RECRUITMENT).size(),
                exceptions.get(Purpose.POST_MARKET).size(), consentSeconds);
        exceptions = null;

        long heapAfter = settledHeap();
        double indexMb = engine.bytes() / 1048576.0;
        double retainedMb = (heapAfter - heapBefore) / 1048576.0;
        System.out.printf(Locale.ROOT, "memory: engine.bytes() %.1f MB (index %.1f MB + consent bitmaps); "
                + "retained heap %.1f MB (used heap %.1f -> %.1f MB after GC)%n", indexMb, index.bytes() / 1048576.0,
                retainedMb, heapBefore / 1048576.0, heapAfter / 1048576.0);
        Vocabulary vocabulary = index.vocabulary;
        System.out.printf(Locale.ROOT, "distinct codes: %d diagnosis (ICD-10), %d drug (YJ), %d lab%n",
                index.diagnoses.size(), index.prescriptions.size(), index.labs.size());

        // Definitions of up to 6 criteria, made before timing: the first ones warm up.
        Queries maker = new Queries(new Random(42), vocabulary);
        List<Criterion> definitions = new ArrayList<>();
        for (int i = 0; i < WARM_UP + QUERIES; i++) {
            Criterion definition = maker.next();
            assertThat(leaves(definition)).isBetween(1, MAX_CRITERIA);
            definitions.add(definition);
        }
        Timing small = time(engine, definitions.subList(0, WARM_UP), definitions.subList(WARM_UP, definitions.size()),
                today);
        double meanCriteria = definitions.subList(WARM_UP, definitions.size()).stream()
                .mapToInt(CohortIndexBenchmark::leaves).average().orElse(0);
        System.out.printf(Locale.ROOT, "%d definitions of up to %d criteria (mean %.1f), trial recruitment: %s; "
                + "mean cohort %,.0f%n", QUERIES, MAX_CRITERIA, meanCriteria, small, small.meanCohort());
        System.out.println("  e.g. " + definitions.get(WARM_UP));

        Criterion wide = fiftyCodes(vocabulary, new Random(50));
        Timing or = time(engine, Collections.nCopies(OR_WARM_UP, wide), Collections.nCopies(OR_RUNS, wide), today);
        System.out.printf(Locale.ROOT, "%d-code OR (%d runs), trial recruitment: p50 %.2f ms, p95 %.2f ms, max %.2f ms;"
                + " cohort %,.0f%n", leaves(wide), OR_RUNS, or.percentile(0.50), or.percentile(0.95), or.max(),
                or.meanCohort());

        System.out.printf(Locale.ROOT, "cohort-index: %,d patients, build %.1f s, index %.1f MB (retained %.1f MB), "
                + "p95 (≤6 criteria) %.2f ms, p95 (50-code OR) %.2f ms%n", patients, building / 1e9, indexMb,
                retainedMb, small.percentile(0.95), or.percentile(0.95));
        assertThat(index.size).isEqualTo(patients);

        ledger(engine, new Queries(new Random(43), vocabulary), today, small.percentile(0.95));
    }

    // ------------------------------------------------------------------ the release ledger, at scale

    /**
     * {@code bench.releases} (10,000) answered queries with a figure to show, of five sponsors, a quarter of them
     * breakdowns, through the production rule ({@code ReleaseRule.release} against every earlier entry,
     * {@code Disclosure.withoutShape}, {@code Perturbation}) with a ledger kept as the nodes keep it (serialized
     * bitmaps read in place). Prints the
     * count-plus-check time, the check alone once the ledger is full, the ledger's size, and the share of the same
     * stream of definitions answered under the rule of ADR 0005 (same label, same sponsor) and under this one.
     */
    private static void ledger(CohortEngine engine, Queries maker, LocalDate today, double countP95) {
        int target = Integer.getInteger("bench.releases", 10_000);
        Perturbation adjustment = new Perturbation(new byte[32]);
        // The ledger as a node keeps it: the figures a new one may read as, by size; every entry counted.
        ReleaseRule.Anchors ledger = new ReleaseRule.Anchors();
        long[] entries = {0};
        SameLabelRule before = new SameLabelRule();
        Random random = new Random(44);
        List<Long> countNanos = new ArrayList<>();
        List<Long> lateChecks = new ArrayList<>();
        long bytes = 0;
        int asked = 0;
        int answered = 0;
        int answeredBefore = 0;
        int askedExact = 0;
        int releasedExact = 0;
        int answeredBeforeExact = 0;
        int figures = 0;
        int sameAs = 0;
        int refusedSmallPart = 0;
        long seq = 0;
        long started = System.nanoTime();
        while (releasedExact < target) {
            Criterion definition = maker.next();
            int sponsor = asked % 5;
            asked++;
            boolean breakdown = random.nextInt(4) == 0;
            long t0 = System.nanoTime();
            RoaringBitmap cohort = engine.cohort(definition, Purpose.TRIAL_RECRUITMENT, today);
            Map<String, RoaringBitmap> sets = new LinkedHashMap<>();
            Map<String, Released> decided = new LinkedHashMap<>();
            RoaringBitmap hidden = new RoaringBitmap();
            sets.put("total", cohort);
            decided.put("total", Released.of(cohort.getLongCardinality()));
            if (breakdown && cohort.getLongCardinality() >= Released.SMALLEST_SHOWN) {
                Dimension dimension = Dimension.values()[random.nextInt(Dimension.values().length)];
                Map<String, RoaringBitmap> cells = engine.cells(cohort, dimension, today);
                List<String> keys = new ArrayList<>(cells.keySet());
                Disclosure.Table table = Disclosure.withoutShape(cohort.getLongCardinality(),
                        keys.stream().map(k -> cells.get(k).getLongCardinality()).toList());
                for (int i = 0; i < keys.size(); i++) {
                    sets.put(dimension + ":" + keys.get(i), cells.get(keys.get(i)));
                    decided.put(dimension + ":" + keys.get(i), table.cells().get(i));
                    if (!table.cells().get(i).shown()) {
                        hidden.or(cells.get(keys.get(i)));
                    }
                }
            }
            Map<String, RoaringBitmap> exact = new LinkedHashMap<>();
            decided.forEach((label, figure) -> {
                if (figure.shown() && !sets.get(label).isEmpty()) {
                    exact.put(label, sets.get(label));
                }
            });
            if (!exact.isEmpty()) {
                askedExact++;
            }
            if (before.allows(sponsor, exact, hidden)) {
                answeredBefore++;
                answeredBeforeExact += exact.isEmpty() ? 0 : 1;
            }
            // The part rule of Cohorts.ask (there before anything is counted; here after, so that the rule of ADR 0005,
            // which had none, sees the same definitions): a part of 0–10 people refuses the question.
            RoaringBitmap universe = engine.permittedFor(Purpose.TRIAL_RECRUITMENT, definition.categories());
            if (Criterion.partsOf(definition).stream().anyMatch(part -> RoaringBitmap.andCardinality(
                    engine.cohort(part, Purpose.TRIAL_RECRUITMENT, today), universe) < Released.SMALLEST_SHOWN)) {
                refusedSmallPart++;
                continue;
            }
            long t1 = System.nanoTime();
            Map<String, ReleaseRule.Outcome> out = ReleaseRule.release(sets, decided, ledger, adjustment);
            long t2 = System.nanoTime();
            if (!breakdown) {
                countNanos.add(t2 - t0);
            }
            if (releasedExact >= target * 9 / 10) {
                lateChecks.add(t2 - t1);
            }
            if (!exact.isEmpty()) {
                releasedExact++;
            }
            answered++;
            for (Map.Entry<String, RoaringBitmap> e : exact.entrySet()) {
                ReleaseRule.Outcome outcome = out.get(e.getKey());
                figures++;
                if (outcome.sameAs().isPresent()) {
                    sameAs++;
                }
                entries[0]++;
                bytes += enter(ledger, ++seq, e.getKey(), LedgerEntry.Kind.EXACT, outcome.figure().value(),
                        outcome.sameAs().map(x -> java.util.OptionalLong.of(x.seq()))
                                .orElse(java.util.OptionalLong.empty()), e.getValue());
            }
            if (!hidden.isEmpty()) {
                entries[0]++;
                bytes += enter(ledger, ++seq, "hidden", LedgerEntry.Kind.HIDDEN, java.util.OptionalLong.empty(),
                        java.util.OptionalLong.empty(), hidden);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] counts = countNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] checks = lateChecks.stream().mapToLong(Long::longValue).sorted().toArray();
        Timing withLedger = new Timing(counts, 0);
        Timing checkAlone = new Timing(checks, 0);
        System.out.printf(Locale.ROOT, "release ledger: %,d answers with a shown figure released (%,d answers, %,d asked; "
                + "%.1f s); ledger %,d entries, %.1f MB of bitmaps; %,d of them figures a new one may read as "
                + "(kept in memory)%n", releasedExact, answered, asked, seconds, entries[0], bytes / 1048576.0,
                ledger.size());
        System.out.printf(Locale.ROOT, "count + part rule + ledger check (counts of up to %d criteria, over the growing ledger): %s "
                + "(count alone p95 %.2f ms)%n", MAX_CRITERIA, withLedger, countP95);
        System.out.printf(Locale.ROOT, "ledger check alone, last 10%% (ledger of %,d+ entries): %s%n",
                entries[0] * 9 / 10, checkAlone);
        System.out.printf(Locale.ROOT, "answered (not refused): this rule %.1f %%, same-label rule of ADR 0005 %.1f %% "
                + "of %,d definitions; of the %,d with a figure to show: %.1f %% and %.1f %%; %,d of %,d shown figures "
                + "(%.1f %%) read as an earlier figure of nearly the same people; %,d refused for a part of 0–10 "
                + "(counted in 'asked' only)%n", 100.0 * answered / asked,
                100.0 * answeredBefore / asked, asked, askedExact, 100.0 * releasedExact / askedExact,
                100.0 * answeredBeforeExact / askedExact, sameAs, figures, 100.0 * sameAs / Math.max(1, figures),
                refusedSmallPart);
    }

    /** Adds an entry as the ledger holds it (serialized, read in place); returns its bytes. */
    private static long enter(ReleaseRule.Anchors ledger, long seq, String label, LedgerEntry.Kind kind,
            java.util.OptionalLong shown, java.util.OptionalLong sameAs, RoaringBitmap members) {
        members.runOptimize();
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(members.serializedSizeInBytes());
        members.serialize(buffer);
        buffer.flip();
        ledger.add(ReleaseRule.hold(new LedgerEntry(seq, Instant.now(), LedgerEntry.Audience.SPONSORS,
                Optional.empty(), Optional.empty(), label, kind, shown, sameAs,
                new org.roaringbitmap.buffer.ImmutableRoaringBitmap(buffer))));
        return buffer.capacity();
    }

    /**
     * The rule of ADR 0005, for the comparison only: a figure against earlier ones of the same sponsor and the same
     * label, and hidden groups of the same sponsor. Each regime keeps its own history of what it released.
     */
    private static final class SameLabelRule {
        private final Map<Integer, Map<String, List<RoaringBitmap>>> exact = new java.util.HashMap<>();
        private final Map<Integer, List<RoaringBitmap>> hidden = new java.util.HashMap<>();

        boolean allows(int sponsor, Map<String, RoaringBitmap> sets, RoaringBitmap hiddenNow) {
            Map<String, List<RoaringBitmap>> mine = exact.computeIfAbsent(sponsor, s -> new java.util.HashMap<>());
            List<RoaringBitmap> myHidden = hidden.computeIfAbsent(sponsor, s -> new ArrayList<>());
            for (Map.Entry<String, RoaringBitmap> e : sets.entrySet()) {
                for (RoaringBitmap earlier : mine.getOrDefault(e.getKey(), List.of())) {
                    if (small(RoaringBitmap.andNotCardinality(e.getValue(), earlier))
                            || small(RoaringBitmap.andNotCardinality(earlier, e.getValue()))) {
                        return false;
                    }
                }
                for (RoaringBitmap group : myHidden) {
                    if (cuts(e.getValue(), group)) {
                        return false;
                    }
                }
            }
            if (!hiddenNow.isEmpty()) {
                for (List<RoaringBitmap> earlier : mine.values()) {
                    for (RoaringBitmap known : earlier) {
                        if (cuts(known, hiddenNow)) {
                            return false;
                        }
                    }
                }
            }
            sets.forEach((label, members) -> mine.computeIfAbsent(label, l -> new ArrayList<>()).add(members));
            if (!hiddenNow.isEmpty()) {
                myHidden.add(hiddenNow);
            }
            return true;
        }

        private static boolean cuts(RoaringBitmap known, RoaringBitmap group) {
            long inside = RoaringBitmap.andCardinality(known, group);
            return inside > 0 && (small(inside) || small(group.getLongCardinality() - inside));
        }

        private static boolean small(long n) {
            return n > 0 && n < Released.SMALLEST_SHOWN;
        }
    }

    // ------------------------------------------------------------------ the population, as the countable facts give it

    /** One patient's countable facts, kept small between generation (any thread) and feeding (this one). */
    private record PatientRow(int number, LocalDate birthDate, Sex sex, Optional<Prefecture> prefecture, int items,
            List<Coded> diagnoses, List<Coded> prescriptions, List<LabRow> labs) {

        void feed(IndexBuilder builder) {
            builder.patient(number, birthDate, sex, prefecture);
            diagnoses.forEach(d -> builder.diagnosis(number, d.code(), d.name()));
            prescriptions.forEach(p -> builder.prescription(number, p.code(), p.name()));
            labs.forEach(l -> builder.lab(number, l.code(), l.name(), l.unit(), l.value(), l.low(), l.high(), l.month()));
        }
    }

    private record Coded(String code, String name) {
    }

    private record LabRow(String code, String name, String unit, BigDecimal value, @Nullable BigDecimal low,
            @Nullable BigDecimal high, int month) {
    }

    /** Patients {@code from} to {@code to} (numbered from 1; the index numbers them from 0). */
    private static List<PatientRow> generate(SyntheticPopulation population, int from, int to) {
        List<PatientRow> rows = new ArrayList<>(to - from + 1);
        for (int n = from; n <= to; n++) {
            rows.add(row(n - 1, population.patient(n)));
        }
        return rows;
    }

    private static PatientRow row(int number, SyntheticPatient patient) {
        List<Coded> diagnoses = new ArrayList<>();
        List<Coded> prescriptions = new ArrayList<>();
        List<LabRow> labs = new ArrayList<>();
        for (SyntheticItem item : patient.items()) {
            if (item.undisclosed() || !item.labels().isEmpty()) {
                continue;
            }
            switch (item.content()) {
                case Diagnosis d when d.icd10().isPresent() && !NOT_COUNTED.contains(d.verification().orElse("")) ->
                        diagnoses.add(new Coded(d.icd10().get(), d.name()));
                case Prescription p when p.code().isPresent() ->
                        prescriptions.add(new Coded(p.code().get().code(), p.drugName()));
                case LabResult l when l.code().isPresent() && l.value().isPresent() && l.effectiveAt().isPresent() ->
                        labs.add(new LabRow(l.code().get().code(), l.name(), l.unit().orElse(""), l.value().get(),
                                l.referenceLow().orElse(null), l.referenceHigh().orElse(null),
                                Months.of(l.effectiveAt().get())));
                default -> {
                }
            }
        }
        PatientDetails details = patient.details();
        return new PatientRow(number, details.birthDate(), details.sex(), details.prefecture(), patient.items().size(),
                diagnoses, prescriptions, labs);
    }

    /** Deterministic choices: trial recruitment (default deny) opted into, post-market (default permit) out of. */
    private static Map<Purpose, Map<Integer, Set<RecordCategory>>> consentExceptions(int patients) {
        SplittableRandom random = new SplittableRandom(SEED);
        Map<Integer, Set<RecordCategory>> optIn = new HashMap<>();
        Map<Integer, Set<RecordCategory>> optOut = new HashMap<>();
        for (int n = 0; n < patients; n++) {
            if (random.nextDouble() < TRIAL_OPT_IN) {
                optIn.put(n, EVERY_CATEGORY);
            }
            if (random.nextDouble() < POST_MARKET_OPT_OUT) {
                optOut.put(n, Set.of());
            }
        }
        return Map.of(Purpose.TRIAL_RECRUITMENT, optIn, Purpose.POST_MARKET, optOut);
    }

    private static long settledHeap() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(250);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    // ------------------------------------------------------------------ definitions and timing

    /** Random definitions a sponsor might enter, each of at most {@value #MAX_CRITERIA} criteria. */
    private static final class Queries {
        private final Random random;
        private final List<String> rare;
        private final List<String> diagnoses;
        private final List<String> drugs;
        private final List<Vocabulary.LabTerm> labs;

        Queries(Random random, Vocabulary vocabulary) {
            this.random = random;
            this.diagnoses = vocabulary.diagnoses().stream().map(Vocabulary.Term::code).toList();
            // The 指定難病 the builder offers first, as the codes the population holds for them.
            List<String> held = diagnoses.stream().filter(c -> RareDiseases.all().stream()
                    .anyMatch(d -> c.startsWith(d.icd10()))).toList();
            this.rare = held.isEmpty() ? diagnoses : held;
            this.drugs = vocabulary.drugs().stream().map(Vocabulary.Term::code).toList();
            this.labs = vocabulary.labs();
        }

        Criterion next() {
            int budget = 1 + random.nextInt(MAX_CRITERIA);
            List<Criterion> parts = new ArrayList<>();
            int used = 0;
            while (used < budget) {
                int left = budget - used;
                Criterion part = switch (random.nextInt(9)) {
                    case 0, 1 -> diagnosis();
                    case 2 -> age();
                    case 3 -> new Criterion.SexIs(random.nextBoolean() ? Sex.MALE : Sex.FEMALE);
                    case 4 -> prefectures(1 + random.nextInt(Math.min(3, left)));
                    case 5 -> lab();
                    case 6 -> prescription();
                    case 7 -> new Criterion.Not(random.nextBoolean() ? prescription() : diagnosis());
                    default -> left >= 2 ? anyOf(2 + random.nextInt(Math.min(3, left) - 1)) : lab();
                };
                parts.add(part);
                used += leaves(part);
            }
            return new Criterion.All(parts);
        }

        private Criterion diagnosis() {
            String code = random.nextInt(4) < 3 ? pick(rare) : pick(diagnoses);
            // The code itself, or its three-character category ("M32" for every SLE code).
            return new Criterion.Diagnosis(random.nextBoolean() ? code : code.substring(0, Math.min(3, code.length())));
        }

        private Criterion prescription() {
            String code = pick(drugs);
            int length = switch (random.nextInt(3)) {
                case 0 -> 4; // 薬効分類
                case 1 -> 7; // 成分
                default -> code.length();
            };
            return new Criterion.Prescription(code.substring(0, Math.min(length, code.length())));
        }

        private Criterion age() {
            int min = random.nextInt(80);
            return new Criterion.Age(min, Math.min(Criterion.Age.OLDEST, min + 5 + random.nextInt(36)));
        }

        private Criterion prefectures(int count) {
            Prefecture[] all = Prefecture.values();
            List<Criterion> parts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                parts.add(new Criterion.LivesIn(all[random.nextInt(all.length)]));
            }
            return count == 1 ? parts.getFirst() : new Criterion.Any(parts);
        }

        /** Above the test's highest upper limit, or below its lowest lower one: the thresholds the index answers. */
        private Criterion lab() {
            Vocabulary.LabTerm term = labs.get(random.nextInt(labs.size()));
            int months = 3 + random.nextInt(22);
            boolean down = term.lowestLowerLimit().filter(l -> l.signum() > 0).isPresent()
                    && (term.highestUpperLimit().isEmpty() || random.nextInt(3) == 0);
            if (down) {
                BigDecimal lower = term.lowestLowerLimit().get();
                BigDecimal value = lower.multiply(BigDecimal.valueOf(1 - random.nextDouble() / 2))
                        .setScale(Math.max(2, lower.scale()), RoundingMode.HALF_UP);
                return new Criterion.Lab(term.code(), random.nextBoolean() ? Criterion.Comparison.LESS
                        : Criterion.Comparison.LESS_OR_EQUAL, value, months);
            }
            BigDecimal value = term.highestUpperLimit()
                    .map(upper -> upper.multiply(BigDecimal.valueOf(1 + random.nextDouble()))
                            .setScale(Math.max(2, upper.scale()), RoundingMode.HALF_UP))
                    .orElse(BigDecimal.valueOf(random.nextInt(100)));
            return new Criterion.Lab(term.code(), random.nextBoolean() ? Criterion.Comparison.GREATER
                    : Criterion.Comparison.GREATER_OR_EQUAL, value, months);
        }

        /** An OR group of medical criteria: "SLE, or on prednisolone, or low complement". */
        private Criterion anyOf(int count) {
            List<Criterion> parts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                parts.add(switch (random.nextInt(3)) {
                    case 0 -> diagnosis();
                    case 1 -> prescription();
                    default -> lab();
                });
            }
            return new Criterion.Any(parts);
        }

        private String pick(List<String> codes) {
            return codes.get(random.nextInt(codes.size()));
        }
    }

    /** 50 distinct diagnosis codes, topped up with drug codes when the population has fewer. */
    private static Criterion fiftyCodes(Vocabulary vocabulary, Random random) {
        List<Criterion> diagnoses = new ArrayList<>(vocabulary.diagnoses().stream()
                .<Criterion>map(t -> new Criterion.Diagnosis(t.code())).toList());
        Collections.shuffle(diagnoses, random);
        List<Criterion> parts = new ArrayList<>(diagnoses.subList(0, Math.min(OR_CODES, diagnoses.size())));
        List<Criterion> drugs = new ArrayList<>(vocabulary.drugs().stream()
                .<Criterion>map(t -> new Criterion.Prescription(t.code())).toList());
        Collections.shuffle(drugs, random);
        parts.addAll(drugs.subList(0, Math.min(OR_CODES - parts.size(), drugs.size())));
        return new Criterion.Any(parts);
    }

    /** The criteria a definition is made of: its facts, however grouped. */
    static int leaves(Criterion criterion) {
        return switch (criterion) {
            case Criterion.All g -> g.parts().stream().mapToInt(CohortIndexBenchmark::leaves).sum();
            case Criterion.Any g -> g.parts().stream().mapToInt(CohortIndexBenchmark::leaves).sum();
            case Criterion.Not n -> leaves(n.part());
            default -> 1;
        };
    }

    private static Timing time(CohortEngine engine, List<Criterion> warmUp, List<Criterion> timed, LocalDate today) {
        for (Criterion definition : warmUp) {
            engine.cohort(definition, Purpose.TRIAL_RECRUITMENT, today).getCardinality();
        }
        long[] nanos = new long[timed.size()];
        long members = 0;
        for (int i = 0; i < nanos.length; i++) {
            long started = System.nanoTime();
            members += engine.cohort(timed.get(i), Purpose.TRIAL_RECRUITMENT, today).getCardinality();
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        return new Timing(nanos, members / (double) nanos.length);
    }

    /** Sorted durations of the timed runs, and the mean cohort they counted. */
    private record Timing(long[] nanos, double meanCohort) {

        double percentile(double p) {
            return nanos[Math.max(0, (int) Math.ceil(p * nanos.length) - 1)] / 1e6;
        }

        double max() {
            return nanos[nanos.length - 1] / 1e6;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms", percentile(0.50),
                    percentile(0.95), percentile(0.99), max());
        }
    }
}
