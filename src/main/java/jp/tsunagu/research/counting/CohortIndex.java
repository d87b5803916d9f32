package jp.tsunagu.research.counting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

import jp.tsunagu.research.Criterion;
import jp.tsunagu.research.InvalidCriteriaException;
import jp.tsunagu.research.Vocabulary;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.RoaringBitmapWriter;

/**
 * The bitmap index as built from PostgreSQL at one moment: patients are dense numbers, every fact a
 * bitmap of them (diagnosis codes, prescription codes, sex, prefecture) or a packed column (birth
 * days, lab values per test, month and side of the reference range). Immutable: changes after the
 * build live in {@link CohortEngine}'s overlay until the next build.
 */
public final class CohortIndex {

    final int size;
    final RoaringBitmap all;
    final int[] birthDays;
    final RoaringBitmap[] sex;
    final RoaringBitmap[] prefecture;
    final NavigableMap<String, RoaringBitmap> diagnoses;
    final NavigableMap<String, RoaringBitmap> prescriptions;
    final Map<String, LabCode> labs;
    final Vocabulary vocabulary;

    CohortIndex(int size, RoaringBitmap all, int[] birthDays, RoaringBitmap[] sex, RoaringBitmap[] prefecture,
            NavigableMap<String, RoaringBitmap> diagnoses, NavigableMap<String, RoaringBitmap> prescriptions,
            Map<String, LabCode> labs, Vocabulary vocabulary) {
        this.size = size;
        this.all = all;
        this.birthDays = birthDays;
        this.sex = sex;
        this.prefecture = prefecture;
        this.diagnoses = diagnoses;
        this.prescriptions = prescriptions;
        this.labs = labs;
        this.vocabulary = vocabulary;
    }

    static CohortIndex empty() {
        return new IndexBuilder().build();
    }

    /** The patients the criterion holds for, among everybody in this index. */
    RoaringBitmap evaluate(Criterion criterion, LocalDate today) {
        return switch (criterion) {
            case Criterion.Diagnosis d -> prefixed(diagnoses, d.code());
            case Criterion.Prescription p -> prefixed(prescriptions, p.code());
            case Criterion.SexIs s -> sex[s.sex().ordinal()].clone();
            case Criterion.LivesIn l -> prefecture[l.prefecture().code()].clone();
            case Criterion.Age a -> age(a, today);
            case Criterion.Lab l -> lab(l, today);
            case Criterion.All g -> all(g.parts(), today);
            case Criterion.Any g -> FastAggregation.or(g.parts().stream().map(p -> evaluate(p, today)).iterator());
            case Criterion.Not n -> RoaringBitmap.andNot(all, evaluate(n.part(), today));
        };
    }

    /**
     * The selective parts first; a NOT or an age then only thins out what is left (a subtraction, or a look at
     * the remaining candidates' birth days), instead of building a bitmap of nearly everyone first.
     */
    private RoaringBitmap all(List<Criterion> parts, LocalDate today) {
        RoaringBitmap result = null;
        List<Criterion> thinning = new ArrayList<>();
        for (Criterion part : parts) {
            if (part instanceof Criterion.Not || part instanceof Criterion.Age) {
                thinning.add(part);
                continue;
            }
            RoaringBitmap r = evaluate(part, today);
            if (result == null) {
                result = r;
            } else {
                result.and(r);
            }
            if (result.isEmpty()) {
                return result;
            }
        }
        if (result == null) {
            result = all.clone();
        }
        for (Criterion part : thinning) {
            if (part instanceof Criterion.Not n) {
                result.andNot(evaluate(n.part(), today));
            } else {
                result = ageAmong(result, (Criterion.Age) part, today);
            }
            if (result.isEmpty()) {
                return result;
            }
        }
        return result;
    }

    private RoaringBitmap ageAmong(RoaringBitmap candidates, Criterion.Age age, LocalDate today) {
        long[] range = birthDayRange(age, today);
        RoaringBitmapWriter<RoaringBitmap> writer = RoaringBitmapWriter.writer().get();
        candidates.forEach((int n) -> {
            int day = birthDays[n];
            if (day != IndexBuilder.NO_BIRTH_DAY && day >= range[0] && day <= range[1]) {
                writer.add(n);
            }
        });
        return writer.get();
    }

    private static RoaringBitmap prefixed(NavigableMap<String, RoaringBitmap> byCode, String prefix) {
        var matching = byCode.subMap(prefix, true, prefix + Character.MAX_VALUE, false).values();
        return matching.isEmpty() ? new RoaringBitmap() : FastAggregation.or(matching.iterator());
    }

    /** Born between these days, both included: the age in whole years today is within [min, max]. */
    static long[] birthDayRange(Criterion.Age age, LocalDate today) {
        long latest = today.minusYears(age.min()).toEpochDay();
        long earliest = today.minusYears(age.max() + 1L).plusDays(1).toEpochDay();
        return new long[] {earliest, latest};
    }

    private RoaringBitmap age(Criterion.Age age, LocalDate today) {
        long[] range = birthDayRange(age, today);
        RoaringBitmapWriter<RoaringBitmap> writer = RoaringBitmapWriter.writer().get();
        for (int n = 0; n < birthDays.length; n++) {
            int day = birthDays[n];
            if (day != IndexBuilder.NO_BIRTH_DAY && day >= range[0] && day <= range[1]) {
                writer.add(n);
            }
        }
        return writer.get();
    }

    private RoaringBitmap lab(Criterion.Lab criterion, LocalDate today) {
        LabCode code = labs.get(criterion.code());
        if (code == null) {
            return new RoaringBitmap();
        }
        code.check(criterion);
        long[] bounds = code.scaledBounds(criterion.comparison(), criterion.value());
        int from = Months.of(Months.firstDayOfWindow(today, criterion.months()));
        var columns = (criterion.comparison().upward() ? code.high : code.low).tailMap(from, true).values();
        var result = new RoaringBitmap();
        for (LabColumn column : columns) {
            column.forEachBetween(bounds[0], bounds[1], result::add);
        }
        return result;
    }

    /** Bytes held: the bitmaps' serialized size (what they occupy, to within their headers) and the arrays. */
    long bytes() {
        long total = all.getLongSizeInBytes() + 4L * birthDays.length;
        for (RoaringBitmap b : sex) {
            total += b.getLongSizeInBytes();
        }
        for (RoaringBitmap b : prefecture) {
            total += b.getLongSizeInBytes();
        }
        for (RoaringBitmap b : diagnoses.values()) {
            total += b.getLongSizeInBytes() + 64;
        }
        for (RoaringBitmap b : prescriptions.values()) {
            total += b.getLongSizeInBytes() + 64;
        }
        for (LabCode code : labs.values()) {
            total += code.bytes();
        }
        return total;
    }

    /**
     * One lab test: its results beyond (or on) the reference range per month, the test's value scale,
     * and the range limits that decide which thresholds the packed columns answer exactly.
     */
    static final class LabCode {
        final int scale;
        /** The highest upper limit any result of the test carried; empty when none carried one. */
        final Optional<BigDecimal> highestUpperLimit;
        final Optional<BigDecimal> lowestLowerLimit;
        final NavigableMap<Integer, LabColumn> high;
        final NavigableMap<Integer, LabColumn> low;

        LabCode(int scale, Optional<BigDecimal> highestUpperLimit, Optional<BigDecimal> lowestLowerLimit,
                NavigableMap<Integer, LabColumn> high, NavigableMap<Integer, LabColumn> low) {
            this.scale = scale;
            this.highestUpperLimit = highestUpperLimit;
            this.lowestLowerLimit = lowestLowerLimit;
            this.high = high;
            this.low = low;
        }

        /**
         * Only results on or beyond their own limit are kept, so "> X" is exact when X is at or above every
         * upper limit the test has (and "< X" at or below every lower limit): otherwise the sponsor is told
         * which value to use.
         */
        void check(Criterion.Lab criterion) {
            if (criterion.comparison().upward()) {
                highestUpperLimit.filter(limit -> criterion.value().compareTo(limit) < 0).ifPresent(limit -> {
                    throw new InvalidCriteriaException("research.error.labAbove", limit.toPlainString());
                });
            } else {
                lowestLowerLimit.filter(limit -> criterion.value().compareTo(limit) > 0).ifPresent(limit -> {
                    throw new InvalidCriteriaException("research.error.labBelow", limit.toPlainString());
                });
            }
        }

        /** [lowest, highest] scaled values that satisfy the comparison. */
        long[] scaledBounds(Criterion.Comparison comparison, BigDecimal threshold) {
            BigDecimal t = threshold.movePointRight(scale);
            long floor = t.setScale(0, RoundingMode.FLOOR).longValueExact();
            long ceiling = t.setScale(0, RoundingMode.CEILING).longValueExact();
            return switch (comparison) {
                case GREATER -> new long[] {floor + 1, Long.MAX_VALUE};
                case GREATER_OR_EQUAL -> new long[] {ceiling, Long.MAX_VALUE};
                case LESS -> new long[] {Long.MIN_VALUE, ceiling - 1};
                case LESS_OR_EQUAL -> new long[] {Long.MIN_VALUE, floor};
            };
        }

        long bytes() {
            long total = 64;
            for (LabColumn c : high.values()) {
                total += c.bytes();
            }
            for (LabColumn c : low.values()) {
                total += c.bytes();
            }
            return total;
        }
    }
}
