package jp.tsunagu.research.counting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import jp.tsunagu.directory.Sex;
import jp.tsunagu.research.Criterion;
import jp.tsunagu.research.Released;
import jp.tsunagu.research.Vocabulary;
import jp.tsunagu.shared.Prefecture;
import org.jspecify.annotations.Nullable;
import org.roaringbitmap.RoaringBitmap;

/**
 * Collects facts in any order (PostgreSQL streams one table after another; the benchmark feeds the
 * generator) and packs them into a {@link CohortIndex}. Not thread-safe: one builder per build.
 */
public final class IndexBuilder {

    /** Lab values are collected with six decimals and packed with as few as the test needs. */
    static final int LAB_SCALE = Criterion.Lab.SCALE;
    static final int NO_BIRTH_DAY = Integer.MIN_VALUE;
    private static final BigDecimal CLAMP = BigDecimal.TEN.pow(12);

    private int size;
    private int[] birthDays = new int[1024];
    private final RoaringBitmap all = new RoaringBitmap();
    private final RoaringBitmap[] sex = new RoaringBitmap[Sex.values().length];
    private final RoaringBitmap[] prefecture = new RoaringBitmap[48];
    private final NavigableMap<String, RoaringBitmap> diagnoses = new TreeMap<>();
    private final NavigableMap<String, RoaringBitmap> prescriptions = new TreeMap<>();
    private final Map<String, String> diagnosisNames = new HashMap<>();
    private final Map<String, String> drugNames = new HashMap<>();
    private final Map<String, LabCollector> labs = new HashMap<>();

    IndexBuilder() {
        Arrays.fill(birthDays, NO_BIRTH_DAY);
        Arrays.setAll(sex, i -> new RoaringBitmap());
        Arrays.setAll(prefecture, i -> new RoaringBitmap());
    }

    void patient(int number, LocalDate birthDate, Sex patientSex, Optional<Prefecture> lives) {
        grow(number);
        all.add(number);
        birthDays[number] = Math.toIntExact(birthDate.toEpochDay());
        sex[patientSex.ordinal()].add(number);
        prefecture[lives.map(Prefecture::code).orElse(0)].add(number);
    }

    void diagnosis(int number, String icd10, String name) {
        String code = normalise(icd10);
        diagnoses.computeIfAbsent(code, c -> new RoaringBitmap()).add(number);
        diagnosisNames.putIfAbsent(code, name);
    }

    void prescription(int number, String yj, String name) {
        String code = normalise(yj);
        prescriptions.computeIfAbsent(code, c -> new RoaringBitmap()).add(number);
        drugNames.putIfAbsent(code, name);
    }

    void lab(int number, String labCode, String name, String unit, BigDecimal value, @Nullable BigDecimal low,
            @Nullable BigDecimal high, int month) {
        String code = normalise(labCode);
        labs.computeIfAbsent(code, c -> new LabCollector(name, unit)).add(number, value, low, high, month);
    }

    void facts(PatientFacts facts) {
        patient(facts.number(), facts.birthDate(), facts.sex(), facts.prefecture());
        facts.diagnoses().forEach(code -> diagnosis(facts.number(), code, code));
        facts.prescriptions().forEach(code -> prescription(facts.number(), code, code));
    }

    CohortIndex build() {
        Map<String, CohortIndex.LabCode> packed = new HashMap<>();
        List<Vocabulary.LabTerm> labTerms = new ArrayList<>();
        labs.forEach((code, collector) -> {
            packed.put(code, collector.pack());
            labTerms.add(new Vocabulary.LabTerm(code, collector.name, collector.unit,
                    Optional.ofNullable(collector.highestUpper), Optional.ofNullable(collector.lowestLower)));
        });
        labTerms.sort(Comparator.comparing(Vocabulary.LabTerm::name));
        for (RoaringBitmap b : diagnoses.values()) {
            b.runOptimize();
        }
        for (RoaringBitmap b : prescriptions.values()) {
            b.runOptimize();
        }
        all.runOptimize();
        var vocabulary = new Vocabulary(terms(diagnosisNames, diagnoses), terms(drugNames, prescriptions), labTerms);
        return new CohortIndex(size, all, Arrays.copyOf(birthDays, size), sex, prefecture, diagnoses, prescriptions,
                packed, vocabulary);
    }

    static String normalise(String code) {
        return java.text.Normalizer.normalize(code, java.text.Normalizer.Form.NFKC).strip()
                .toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * The pickers offer a code only when at least 11 people have it: a list that showed a code as soon as one
     * person had it would say so (the 指定難病 list is offered regardless, and any code can be typed).
     */
    private static List<Vocabulary.Term> terms(Map<String, String> names, Map<String, RoaringBitmap> holders) {
        return names.entrySet().stream()
                .filter(e -> holders.get(e.getKey()).getLongCardinality() >= Released.SMALLEST_SHOWN)
                .map(e -> new Vocabulary.Term(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(Vocabulary.Term::code)).toList();
    }

    private void grow(int number) {
        if (number < 0) {
            throw new IllegalArgumentException("patient numbers start at 0");
        }
        if (number >= birthDays.length) {
            int old = birthDays.length;
            birthDays = Arrays.copyOf(birthDays, Math.max(number + 1, old * 2));
            Arrays.fill(birthDays, old, birthDays.length, NO_BIRTH_DAY);
        }
        size = Math.max(size, number + 1);
    }

    /** One test's results while building: (patient, month, value × 10⁶) on each side, plus the limits seen. */
    private static final class LabCollector {
        final String name;
        final String unit;
        @Nullable BigDecimal highestUpper;
        @Nullable BigDecimal lowestLower;
        final Side high = new Side();
        final Side low = new Side();

        LabCollector(String name, String unit) {
            this.name = name;
            this.unit = unit;
        }

        void add(int number, BigDecimal value, @Nullable BigDecimal lowLimit, @Nullable BigDecimal highLimit, int month) {
            if (highLimit != null && (highestUpper == null || highLimit.compareTo(highestUpper) > 0)) {
                highestUpper = highLimit;
            }
            if (lowLimit != null && (lowestLower == null || lowLimit.compareTo(lowestLower) < 0)) {
                lowestLower = lowLimit;
            }
            // Beyond ±10¹² the exact value does not matter: no threshold a sponsor can enter (at most 10⁹) is near.
            BigDecimal clamped = value.max(CLAMP.negate()).min(CLAMP);
            long scaled = clamped.movePointRight(LAB_SCALE).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
            // Within its own range a result answers no threshold beyond every limit: only the rest is kept.
            if (highLimit == null || value.compareTo(highLimit) >= 0) {
                high.add(number, month, scaled);
            }
            if (lowLimit == null || value.compareTo(lowLimit) <= 0) {
                low.add(number, month, scaled);
            }
        }

        CohortIndex.LabCode pack() {
            int scale = LAB_SCALE;
            while (scale > 0 && high.divisibleBy(pow10(LAB_SCALE - scale + 1))
                    && low.divisibleBy(pow10(LAB_SCALE - scale + 1))) {
                scale--;
            }
            long divisor = pow10(LAB_SCALE - scale);
            LabColumn.Width width = high.fits(divisor, Short.MIN_VALUE, Short.MAX_VALUE)
                    && low.fits(divisor, Short.MIN_VALUE, Short.MAX_VALUE) ? LabColumn.Width.SHORT
                    : high.fits(divisor, Integer.MIN_VALUE, Integer.MAX_VALUE)
                            && low.fits(divisor, Integer.MIN_VALUE, Integer.MAX_VALUE) ? LabColumn.Width.INT
                            : LabColumn.Width.LONG;
            return new CohortIndex.LabCode(scale, Optional.ofNullable(highestUpper), Optional.ofNullable(lowestLower),
                    high.pack(divisor, width), low.pack(divisor, width));
        }

        private static long pow10(int n) {
            long p = 1;
            for (int i = 0; i < n; i++) {
                p *= 10;
            }
            return p;
        }
    }

    private static final class Side {
        int count;
        int[] patients = new int[16];
        int[] months = new int[16];
        long[] values = new long[16];

        void add(int patient, int month, long value) {
            if (count == patients.length) {
                patients = Arrays.copyOf(patients, count * 2);
                months = Arrays.copyOf(months, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            patients[count] = patient;
            months[count] = month;
            values[count] = value;
            count++;
        }

        boolean divisibleBy(long divisor) {
            for (int i = 0; i < count; i++) {
                if (values[i] % divisor != 0) {
                    return false;
                }
            }
            return true;
        }

        boolean fits(long divisor, long min, long max) {
            for (int i = 0; i < count; i++) {
                long v = values[i] / divisor;
                if (v < min || v > max) {
                    return false;
                }
            }
            return true;
        }

        NavigableMap<Integer, LabColumn> pack(long divisor, LabColumn.Width width) {
            // Each month becomes one column with ascending patients: group by month, then sort each
            // month's (patient, position) pairs as longs, which needs no boxing for millions of results.
            Map<Integer, int[]> positions = new TreeMap<>();
            Map<Integer, Integer> filled = new HashMap<>();
            Map<Integer, Integer> perMonth = new HashMap<>();
            for (int i = 0; i < count; i++) {
                perMonth.merge(months[i], 1, Integer::sum);
            }
            perMonth.forEach((month, n) -> positions.put(month, new int[n]));
            for (int i = 0; i < count; i++) {
                int at = filled.merge(months[i], 1, Integer::sum) - 1;
                positions.get(months[i])[at] = i;
            }
            NavigableMap<Integer, LabColumn> columns = new TreeMap<>();
            positions.forEach((month, at) -> {
                long[] keys = new long[at.length];
                for (int i = 0; i < at.length; i++) {
                    keys[i] = ((long) patients[at[i]] << 32) | (at[i] & 0xFFFFFFFFL);
                }
                Arrays.sort(keys);
                int[] p = new int[keys.length];
                long[] v = new long[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    int position = (int) keys[i];
                    p[i] = patients[position];
                    v[i] = values[position] / divisor;
                }
                columns.put(month, LabColumn.of(p, v, p.length, width));
            });
            patients = new int[0];
            months = new int[0];
            values = new long[0];
            return columns;
        }
    }
}
