package jp.tsunagu.research.counting;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import jp.tsunagu.consent.Purpose;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.research.Criterion;
import jp.tsunagu.research.Dimension;
import jp.tsunagu.research.Vocabulary;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.stereotype.Component;

/**
 * Counts in memory: the last built {@link CohortIndex}, an overlay with the patients whose record changed
 * since (evaluated fact by fact, exactly), and who allows which aggregate purpose for which category,
 * kept current from every consent change. A count is one read-locked evaluation; an update one short
 * write lock, so a revocation holds for the next count.
 */
@Component
public class CohortEngine {

    /** The purposes sponsors count for, and the categories their criteria read. */
    static final Set<Purpose> PURPOSES = Set.of(Purpose.TRIAL_RECRUITMENT, Purpose.POST_MARKET);
    public static final List<RecordCategory> CATEGORIES = List.of(RecordCategory.DIAGNOSIS, RecordCategory.PRESCRIPTION,
            RecordCategory.LAB);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private CohortIndex index = CohortIndex.empty();
    private final Map<Integer, PatientFacts> overlay = new HashMap<>();
    private RoaringBitmap stale = new RoaringBitmap();
    private final Map<Purpose, Map<RecordCategory, RoaringBitmap>> permitted = new EnumMap<>(Purpose.class);

    CohortEngine() {
        for (Purpose purpose : PURPOSES) {
            Map<RecordCategory, RoaringBitmap> byCategory = new EnumMap<>(RecordCategory.class);
            CATEGORIES.forEach(c -> byCategory.put(c, new RoaringBitmap()));
            permitted.put(purpose, byCategory);
        }
    }

    /** The patients the definition holds for who allow the purpose for every category it reads. */
    public RoaringBitmap cohort(Criterion definition, Purpose purpose, LocalDate today) {
        lock.readLock().lock();
        try {
            RoaringBitmap result = index.evaluate(definition, today);
            result.andNot(stale);
            for (PatientFacts facts : overlay.values()) {
                if (holds(definition, facts, today)) {
                    result.add(facts.number());
                }
            }
            result.and(universe(purpose, definition.categories()));
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A copy of everyone who allows the purpose for these categories now. */
    public RoaringBitmap permittedFor(Purpose purpose, Set<RecordCategory> categories) {
        lock.readLock().lock();
        try {
            return universe(purpose, categories).clone();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Everyone who takes part in the purpose for these categories (for none: for at least one). */
    private RoaringBitmap universe(Purpose purpose, Set<RecordCategory> categories) {
        Map<RecordCategory, RoaringBitmap> byCategory = permitted.get(purpose);
        if (byCategory == null) {
            throw new IllegalArgumentException("sponsors do not count for " + purpose);
        }
        if (categories.isEmpty()) {
            return FastAggregation.or(byCategory.values().iterator());
        }
        return FastAggregation.and(categories.stream().map(c -> {
            RoaringBitmap b = byCategory.get(c);
            return b == null ? new RoaringBitmap() : b;
        }).iterator());
    }

    /** The definition, fact by fact, for one patient: the overlay's answer, and the index's meaning. */
    static boolean holds(Criterion criterion, PatientFacts facts, LocalDate today) {
        return switch (criterion) {
            case Criterion.Diagnosis d -> facts.diagnoses().stream().anyMatch(code -> code.startsWith(d.code()));
            case Criterion.Prescription p -> facts.prescriptions().stream().anyMatch(code -> code.startsWith(p.code()));
            case Criterion.SexIs s -> facts.sex() == s.sex();
            case Criterion.LivesIn l -> facts.prefecture().filter(l.prefecture()::equals).isPresent();
            case Criterion.Age a -> {
                long[] range = CohortIndex.birthDayRange(a, today);
                long day = facts.birthDate().toEpochDay();
                yield day >= range[0] && day <= range[1];
            }
            case Criterion.Lab l -> {
                int from = Months.of(Months.firstDayOfWindow(today, l.months()));
                yield facts.labs().stream().anyMatch(r -> r.code().equals(l.code()) && r.month() >= from
                        && l.comparison().holds(r.value(), l.value()));
            }
            case Criterion.All g -> g.parts().stream().allMatch(p -> holds(p, facts, today));
            case Criterion.Any g -> g.parts().stream().anyMatch(p -> holds(p, facts, today));
            case Criterion.Not n -> !holds(n.part(), facts, today);
        };
    }

    /** Checks a definition against the index's limits (lab thresholds) without counting. */
    public void check(Criterion definition) {
        lock.readLock().lock();
        try {
            check(definition, index);
        } finally {
            lock.readLock().unlock();
        }
    }

    private static void check(Criterion criterion, CohortIndex index) {
        switch (criterion) {
            case Criterion.Lab l -> {
                CohortIndex.LabCode code = index.labs.get(l.code());
                if (code != null) {
                    code.check(l);
                }
            }
            case Criterion.All g -> g.parts().forEach(p -> check(p, index));
            case Criterion.Any g -> g.parts().forEach(p -> check(p, index));
            case Criterion.Not n -> check(n.part(), index);
            default -> {
            }
        }
    }

    /** A patient's facts read after their record changed: from now on counted from these. */
    void update(PatientFacts facts, Map<Purpose, Set<RecordCategory>> consents) {
        lock.writeLock().lock();
        try {
            overlay.put(facts.number(), facts);
            // Also numbers beyond the build: a patient numbered during a build may have entries in it.
            stale.add(facts.number());
            consents.forEach((purpose, categories) -> setConsent(facts.number(), purpose, categories));
        } finally {
            lock.writeLock().unlock();
        }
    }

    void consent(int number, Map<Purpose, Set<RecordCategory>> consents) {
        lock.writeLock().lock();
        try {
            consents.forEach((purpose, categories) -> setConsent(number, purpose, categories));
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void setConsent(int number, Purpose purpose, Set<RecordCategory> categories) {
        Map<RecordCategory, RoaringBitmap> byCategory = permitted.get(purpose);
        if (byCategory == null) {
            return;
        }
        byCategory.forEach((category, bitmap) -> {
            if (categories.contains(category)) {
                bitmap.add(number);
            } else {
                bitmap.remove(number);
            }
        });
    }

    /**
     * A new build takes over: its bitmaps, and consent as the decision point answered during the build
     * (default for everybody in it, exceptions as listed). The overlay empties.
     */
    /** A patient read afresh, to install with a new build. */
    record Update(java.util.Optional<PatientFacts> facts, int number, Map<Purpose, Set<RecordCategory>> consents) {
    }

    void replace(CohortIndex built, Map<Purpose, Map<Integer, Set<RecordCategory>>> exceptions) {
        replace(built, exceptions, List.of());
    }

    void replace(CohortIndex built, Map<Purpose, Map<Integer, Set<RecordCategory>>> exceptions,
            List<Update> changedSince) {
        Map<Purpose, Map<RecordCategory, RoaringBitmap>> fresh = new EnumMap<>(Purpose.class);
        for (Purpose purpose : PURPOSES) {
            Map<RecordCategory, RoaringBitmap> byCategory = new EnumMap<>(RecordCategory.class);
            for (RecordCategory category : CATEGORIES) {
                byCategory.put(category, purpose.permittedByDefault() ? built.all.clone() : new RoaringBitmap());
            }
            exceptions.getOrDefault(purpose, Map.of()).forEach((number, categories) -> byCategory.forEach(
                    (category, bitmap) -> {
                        if (categories.contains(category)) {
                            bitmap.add(number);
                        } else {
                            bitmap.remove(number);
                        }
                    }));
            byCategory.values().forEach(RoaringBitmap::runOptimize);
            fresh.put(purpose, byCategory);
        }
        lock.writeLock().lock();
        try {
            index = built;
            overlay.clear();
            stale = new RoaringBitmap();
            permitted.clear();
            permitted.putAll(fresh);
            for (Update u : changedSince) {
                u.facts().ifPresent(f -> {
                    overlay.put(f.number(), f);
                    stale.add(f.number());
                });
                u.consents().forEach((purpose, categories) -> setConsent(u.number(), purpose, categories));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public int overlaySize() {
        lock.readLock().lock();
        try {
            return overlay.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    public Vocabulary vocabulary() {
        lock.readLock().lock();
        try {
            return index.vocabulary;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Memory held by the index and the consent bitmaps, in bytes (the overlay is small and not counted). */
    long bytes() {
        lock.readLock().lock();
        try {
            long total = index.bytes();
            for (Map<RecordCategory, RoaringBitmap> byCategory : permitted.values()) {
                for (RoaringBitmap b : byCategory.values()) {
                    total += b.getLongSizeInBytes();
                }
            }
            return total;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The demographic bitmaps, for breakdowns. */
    <T> T withIndex(java.util.function.Function<CohortIndex, T> reader) {
        lock.readLock().lock();
        try {
            return reader.apply(index);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The cohort split by a dimension: cell key → its members (keys as {@link Dimension#key}). */
    public Map<String, RoaringBitmap> cells(RoaringBitmap cohort, Dimension dimension, LocalDate today) {
        lock.readLock().lock();
        try {
            Map<String, RoaringBitmap> cells = new java.util.TreeMap<>();
            RoaringBitmap base = cohort.clone();
            for (Integer number : overlay.keySet()) {
                base.remove(number);
            }
            switch (dimension) {
                case PREFECTURE -> {
                    for (int p = 0; p < index.prefecture.length; p++) {
                        cells.put(Dimension.prefectureKey(p), RoaringBitmap.and(base, index.prefecture[p]));
                    }
                }
                case SEX -> {
                    for (jp.tsunagu.directory.Sex sex : jp.tsunagu.directory.Sex.values()) {
                        cells.put(sex.code(), RoaringBitmap.and(base, index.sex[sex.ordinal()]));
                    }
                }
                case AGE_BAND -> {
                    for (int band = 0; band <= Dimension.OLDEST_BAND; band += 10) {
                        cells.put(Dimension.ageKey(band), new RoaringBitmap());
                    }
                    base.forEach((int n) -> cells.get(Dimension.ageKey(Dimension.band(
                            java.time.LocalDate.ofEpochDay(index.birthDays[n]), today))).add(n));
                }
            }
            for (PatientFacts facts : overlay.values()) {
                if (cohort.contains(facts.number())) {
                    String key = switch (dimension) {
                        case PREFECTURE -> Dimension.prefectureKey(facts.prefecture()
                                .map(jp.tsunagu.shared.Prefecture::code).orElse(0));
                        case SEX -> facts.sex().code();
                        case AGE_BAND -> Dimension.ageKey(Dimension.band(facts.birthDate(), today));
                    };
                    cells.get(key).add(facts.number());
                }
            }
            return cells;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Facts of the patients in the overlay (their demographics may have changed since the build). */
    Map<Integer, PatientFacts> overlaySnapshot() {
        lock.readLock().lock();
        try {
            return Map.copyOf(overlay);
        } finally {
            lock.readLock().unlock();
        }
    }

    static Map<Purpose, Set<RecordCategory>> defaults() {
        Map<Purpose, Set<RecordCategory>> all = new EnumMap<>(Purpose.class);
        PURPOSES.forEach(p -> all.put(p, jp.tsunagu.consent.ConsentCategories.byDefault(p)));
        return all;
    }
}
