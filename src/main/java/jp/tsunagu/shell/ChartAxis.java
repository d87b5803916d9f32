package jp.tsunagu.shell;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A value axis a person reads at a glance: ticks on round numbers (1, 2, 2.5 or 5 times a power of ten),
 * the range from the tick below the lowest value to the tick above the highest, and never below zero for
 * values that cannot be negative. One value far outside the others (an old result years before the rest,
 * a typing slip) does not squash every other point into a line: with five or more values, a single one
 * beyond three interquartile ranges of the middle half, which would more than double the span the rest
 * needs, is left out of the range and drawn at the edge, marked with its real value (the table below
 * the chart lists it as it is). A value merely a little beyond the rest is drawn where it is.
 */
public record ChartAxis(double min, double max, double step, List<Double> ticks, List<Double> clamped) {

    /**
     * An axis for counts drawn as bars from zero (bars must start at zero to be compared by length): from 0 to
     * the round number at or above the highest count, in four or five round steps; nothing is clamped.
     */
    public static ChartAxis forCounts(double highest) {
        double top = Math.max(highest, 1);
        double step = niceStep(top / 4);
        step = step < 1 ? 1 : step == 2.5 ? 2 : step; // whole people: no tick at 2.5
        double max = Math.ceil(top / step) * step;
        var ticks = new ArrayList<Double>();
        for (int i = 0; i * step <= max + step / 1e6; i++) {
            ticks.add(i * step);
        }
        return new ChartAxis(0, max, step, List.copyOf(ticks), List.of());
    }

    static ChartAxis of(List<Double> values, double bandLow, double bandHigh) {
        List<Double> clamped = outlier(values);
        if (!clamped.isEmpty() && !squashes(values, clamped.get(0), bandLow, bandHigh)) {
            clamped = List.of(); // within reach of the rest: drawn where it is
        }
        double low = bandLow;
        double high = bandHigh;
        for (double v : values) {
            if (!clamped.contains(v)) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
        }
        if (!(high > low)) {
            double half = Math.max(Math.abs(high) * 0.1, 1);
            low -= half;
            high += half;
        }
        double step = niceStep((high - low) / 4);
        boolean neverNegative = low >= 0;
        double min = Math.floor(low / step) * step;
        if (min == low && low - step >= 0 || min == low && !neverNegative) {
            min -= step; // breathing room under the lowest value, but not below zero
        }
        double max = Math.ceil(high / step) * step;
        if (max == high) {
            max += step;
        }
        if (neverNegative) {
            min = Math.max(0, min);
        }
        var ticks = new ArrayList<Double>();
        for (int i = 0; min + i * step <= max + step / 1e6; i++) {
            ticks.add(BigDecimal.valueOf(min + i * step).setScale(10, java.math.RoundingMode.HALF_UP)
                    .stripTrailingZeros().doubleValue());
        }
        return new ChartAxis(min, max, step, List.copyOf(ticks), clamped);
    }

    /** Whether taking the value in would more than double the span the other values and the band need. */
    private static boolean squashes(List<Double> values, double far, double bandLow, double bandHigh) {
        double low = bandLow;
        double high = bandHigh;
        for (double v : values) {
            if (v != far) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
        }
        double span = Math.max(high - low, 1e-9);
        return Math.max(high, far) - Math.min(low, far) > 2 * span;
    }

    /** 1, 2, 2.5 or 5 times a power of ten: the smallest at least {@code raw}. */
    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= raw - raw * 1e-9) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** The one value far outside the rest, if exactly one is. */
    private static List<Double> outlier(List<Double> values) {
        if (values.size() < 5) {
            return List.of();
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double q1 = quantile(sorted, 0.25);
        double q3 = quantile(sorted, 0.75);
        double iqr = q3 - q1;
        if (iqr <= 0) {
            return List.of();
        }
        double[] far = Arrays.stream(sorted).filter(v -> v > q3 + 3 * iqr || v < q1 - 3 * iqr).toArray();
        return far.length == 1 ? List.of(far[0]) : List.of();
    }

    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }

    /** Where a value sits on the axis: clamped values at the edge they lie beyond. */
    double place(double value) {
        return Math.max(min, Math.min(max, value));
    }
}
