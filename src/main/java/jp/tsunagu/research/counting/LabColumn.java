package jp.tsunagu.research.counting;

import java.util.function.IntConsumer;

/**
 * The lab results of one test in one calendar month on one side of the reference range, packed: the
 * patients in ascending order as variable-length gaps (one byte for most) and each result's value as a
 * scaled integer (a short where the test's values fit, an int otherwise). About three bytes a result,
 * which is what lets a million patients' two years of labs stay in memory.
 */
final class LabColumn {

    /** How wide a test's scaled values are. */
    enum Width { SHORT, INT, LONG }

    private final byte[] gaps;
    private final short[] shortValues;
    private final int[] intValues;
    private final long[] longValues;
    private final int size;

    private LabColumn(byte[] gaps, short[] shortValues, int[] intValues, long[] longValues, int size) {
        this.gaps = gaps;
        this.shortValues = shortValues;
        this.intValues = intValues;
        this.longValues = longValues;
        this.size = size;
    }

    /** Patients must be ascending; values already scaled to the test's scale. */
    static LabColumn of(int[] patients, long[] values, int count, Width width) {
        byte[] buffer = new byte[count * 5];
        int at = 0;
        int previous = 0;
        for (int i = 0; i < count; i++) {
            int gap = patients[i] - previous;
            previous = patients[i];
            while ((gap & ~0x7F) != 0) {
                buffer[at++] = (byte) ((gap & 0x7F) | 0x80);
                gap >>>= 7;
            }
            buffer[at++] = (byte) gap;
        }
        byte[] gaps = java.util.Arrays.copyOf(buffer, at);
        return switch (width) {
            case SHORT -> {
                short[] s = new short[count];
                for (int i = 0; i < count; i++) {
                    s[i] = (short) values[i];
                }
                yield new LabColumn(gaps, s, new int[0], new long[0], count);
            }
            case INT -> {
                int[] v = new int[count];
                for (int i = 0; i < count; i++) {
                    v[i] = (int) values[i];
                }
                yield new LabColumn(gaps, new short[0], v, new long[0], count);
            }
            case LONG -> new LabColumn(gaps, new short[0], new int[0], java.util.Arrays.copyOf(values, count), count);
        };
    }

    int size() {
        return size;
    }

    /** Calls {@code matching} with each patient whose value is above {@code lowest} and below {@code highest}, inclusive. */
    void forEachBetween(long lowest, long highest, IntConsumer matching) {
        int at = 0;
        int patient = 0;
        boolean shorts = shortValues.length == size;
        boolean ints = intValues.length == size;
        for (int i = 0; i < size; i++) {
            int gap = 0;
            int shift = 0;
            byte b;
            do {
                b = gaps[at++];
                gap |= (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            patient += gap;
            long value = shorts ? shortValues[i] : ints ? intValues[i] : longValues[i];
            if (value >= lowest && value <= highest) {
                matching.accept(patient);
            }
        }
    }

    long bytes() {
        return gaps.length + 2L * shortValues.length + 4L * intValues.length + 8L * longValues.length + 48;
    }
}
