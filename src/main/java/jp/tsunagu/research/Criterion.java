package jp.tsunagu.research;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jp.tsunagu.directory.Sex;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.shared.Prefecture;

/**
 * One part of a cohort definition: facts about a patient (diagnosis, prescription, lab value, age,
 * sex, prefecture) combined with AND, OR and NOT. Values are checked when built, so a definition that
 * exists is one the engine can count; the messages are bundle keys a sponsor can act on.
 */
public sealed interface Criterion {

    /** The record categories the criterion reads: the purpose must be allowed for each of them. */
    Set<RecordCategory> categories();

    /**
     * Every proper part of a definition, depth first: each branch of an Any, each part of an All, the operand of a
     * Not, recursively. A group of one (as the builder writes a single criterion) is the same as its part, so that
     * part is not a part of it: what counts as a part depends on how the question is written, never on what it
     * counts (the part rule of {@code Cohorts}).
     */
    static java.util.List<Criterion> partsOf(Criterion criterion) {
        java.util.List<Criterion> into = new java.util.ArrayList<>();
        addParts(criterion, into);
        return into;
    }

    private static void addParts(Criterion criterion, java.util.List<Criterion> into) {
        java.util.List<Criterion> children = switch (criterion) {
            case All all -> all.parts();
            case Any any -> any.parts();
            case Not not -> java.util.List.of(not.part());
            default -> java.util.List.of();
        };
        boolean alone = children.size() == 1 && !(criterion instanceof Not);
        for (Criterion child : children) {
            if (!alone) {
                into.add(child);
            }
            addParts(child, into);
        }
    }

    /** A diagnosis whose ICD-10 code starts with {@code code} ("M32" for every 全身性エリテマトーデス code). */
    record Diagnosis(String code) implements Criterion {
        public Diagnosis {
            code = Codes.icd10(code);
        }

        @Override
        public Set<RecordCategory> categories() {
            return EnumSet.of(RecordCategory.DIAGNOSIS);
        }
    }

    /** A prescription whose YJ code starts with {@code code} (a full 12-character code, or a prefix: "2171"). */
    record Prescription(String code) implements Criterion {
        public Prescription {
            code = Codes.yj(code);
        }

        @Override
        public Set<RecordCategory> categories() {
            return EnumSet.of(RecordCategory.PRESCRIPTION);
        }
    }

    /**
     * A lab result of this code (JLAC10, LOINC or the hospital's own) whose value compares so with
     * {@code value}, taken in the last {@code months} calendar months (this month counts as one, JST).
     */
    record Lab(String code, Comparison comparison, BigDecimal value, int months) implements Criterion {
        public static final int MAX_MONTHS = 60;
        /** The decimal places a lab value may have: the index keeps lab values scaled by this many. */
        public static final int SCALE = 6;

        public Lab {
            code = Codes.lab(code);
            if (months < 1 || months > MAX_MONTHS) {
                throw new InvalidCriteriaException("research.error.months", MAX_MONTHS);
            }
            value = value.stripTrailingZeros();
            if (value.scale() > SCALE || value.abs().compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
                throw new InvalidCriteriaException("research.error.labValue");
            }
        }

        @Override
        public Set<RecordCategory> categories() {
            return EnumSet.of(RecordCategory.LAB);
        }
    }

    /** Age in whole years today (JST), both ends included. */
    record Age(int min, int max) implements Criterion {
        public static final int OLDEST = 130;

        public Age {
            if (min < 0 || max > OLDEST || min > max) {
                throw new InvalidCriteriaException("research.error.age", OLDEST);
            }
        }

        @Override
        public Set<RecordCategory> categories() {
            return EnumSet.noneOf(RecordCategory.class);
        }
    }

    record SexIs(Sex sex) implements Criterion {
        @Override
        public Set<RecordCategory> categories() {
            return EnumSet.noneOf(RecordCategory.class);
        }
    }

    record LivesIn(Prefecture prefecture) implements Criterion {
        @Override
        public Set<RecordCategory> categories() {
            return EnumSet.noneOf(RecordCategory.class);
        }
    }

    /** Every part holds. */
    record All(List<Criterion> parts) implements Criterion {
        public All {
            parts = Groups.parts(parts);
        }

        @Override
        public Set<RecordCategory> categories() {
            return Groups.categories(parts);
        }
    }

    /** At least one part holds. */
    record Any(List<Criterion> parts) implements Criterion {
        public Any {
            parts = Groups.parts(parts);
        }

        @Override
        public Set<RecordCategory> categories() {
            return Groups.categories(parts);
        }
    }

    /** The part does not hold. */
    record Not(Criterion part) implements Criterion {
        @Override
        public Set<RecordCategory> categories() {
            return part.categories();
        }
    }

    enum Comparison {
        GREATER(">"), GREATER_OR_EQUAL("≥"), LESS("<"), LESS_OR_EQUAL("≤");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean upward() {
            return this == GREATER || this == GREATER_OR_EQUAL;
        }

        public boolean holds(BigDecimal result, BigDecimal threshold) {
            int c = result.compareTo(threshold);
            return switch (this) {
                case GREATER -> c > 0;
                case GREATER_OR_EQUAL -> c >= 0;
                case LESS -> c < 0;
                case LESS_OR_EQUAL -> c <= 0;
            };
        }
    }

    /** The limits on a definition's size: enough for real eligibility criteria, not for a scan of everyone. */
    final class Groups {
        public static final int MAX_PARTS = 60;

        private Groups() {
        }

        static List<Criterion> parts(List<Criterion> parts) {
            if (parts.isEmpty()) {
                throw new InvalidCriteriaException("research.error.emptyGroup");
            }
            if (parts.size() > MAX_PARTS) {
                throw new InvalidCriteriaException("research.error.tooMany", MAX_PARTS);
            }
            return List.copyOf(parts);
        }

        static Set<RecordCategory> categories(List<Criterion> parts) {
            Set<RecordCategory> all = EnumSet.noneOf(RecordCategory.class);
            parts.forEach(p -> all.addAll(p.categories()));
            return all;
        }
    }

    /** Codes as sponsors type them: trimmed, upper case, half-width; checked against each system's shape. */
    final class Codes {
        private Codes() {
        }

        static String icd10(String code) {
            String c = normalise(code);
            if (!c.matches("[A-Z][0-9]{0,2}(\\.[0-9A-Z]{0,4})?")) {
                throw new InvalidCriteriaException("research.error.icd10", code);
            }
            return c;
        }

        static String yj(String code) {
            String c = normalise(code);
            if (!c.matches("[0-9][0-9A-Z]{0,11}")) {
                throw new InvalidCriteriaException("research.error.yj", code);
            }
            return c;
        }

        static String lab(String code) {
            String c = normalise(code);
            if (c.isEmpty() || c.length() > 40 || !c.matches("[0-9A-Z.\\-]+")) {
                throw new InvalidCriteriaException("research.error.labCode", code);
            }
            return c;
        }

        private static String normalise(String code) {
            return java.text.Normalizer.normalize(code, java.text.Normalizer.Form.NFKC).strip()
                    .toUpperCase(java.util.Locale.ROOT);
        }
    }
}
