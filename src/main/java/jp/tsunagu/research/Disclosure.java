package jp.tsunagu.research;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which figures of a breakdown may be shown. Cells from 1 to 10 are hidden (primary suppression); then,
 * as long as the hidden cells could be recovered from the total by subtraction (one hidden cell alone,
 * or hidden cells adding up to 1–10), the smallest shown non-zero cell is hidden too (complementary
 * suppression). If that cannot protect them, the total is hidden with them. Zero cells show as 0.
 */
public final class Disclosure {

    private Disclosure() {
    }

    public record Table(Released total, List<Released> cells) {
    }

    public static Table breakdown(long total, List<Long> cells) {
        long sum = cells.stream().mapToLong(Long::longValue).sum();
        if (sum != total) {
            throw new IllegalArgumentException("the cells must add up to the total");
        }
        int n = cells.size();
        boolean[] hidden = new boolean[n];
        for (int i = 0; i < n; i++) {
            long c = cells.get(i);
            hidden[i] = c > 0 && c < Released.SMALLEST_SHOWN;
        }
        if (total > 0 && total < Released.SMALLEST_SHOWN) {
            return allHidden(n, hidden, cells);
        }
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            candidates.add(i);
        }
        candidates.sort(Comparator.comparingLong(cells::get));
        while (recoverable(cells, hidden)) {
            int next = -1;
            for (int i : candidates) {
                if (!hidden[i] && cells.get(i) > 0) {
                    next = i;
                    break;
                }
            }
            if (next < 0) {
                return allHidden(n, hidden, cells);
            }
            hidden[next] = true;
        }
        List<Released> released = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long c = cells.get(i);
            // Every hidden cell reads the same ("秘匿"): marking which were small would say which were not.
            released.add(hidden[i] ? Released.hiddenToProtectOthers() : Released.of(c));
        }
        return new Table(Released.of(total), released);
    }

    /**
     * A sponsor's breakdown, whose shape must teach no more than its numbers: an empty cell reads like a
     * small or hidden one ("秘匿"), so which prefectures or ages have nobody is not told either, and the hidden
     * cells together are at least 11 people (the smallest shown cells join them until they are). A total of
     * 0–10 reads "10 or fewer" and hides every cell (the caller gives no breakdown at all then).
     */
    public static Table withoutShape(long total, List<Long> cells) {
        if (cells.stream().mapToLong(Long::longValue).sum() != total) {
            throw new IllegalArgumentException("the cells must add up to the total");
        }
        int n = cells.size();
        if (total < Released.SMALLEST_SHOWN) {
            return new Table(Released.forSponsors(total),
                    java.util.Collections.nCopies(n, Released.hiddenToProtectOthers()));
        }
        boolean[] hidden = new boolean[n];
        long hiddenSum = 0;
        int hiddenCount = 0;
        for (int i = 0; i < n; i++) {
            if (cells.get(i) < Released.SMALLEST_SHOWN) {
                hidden[i] = true;
                hiddenSum += cells.get(i);
                hiddenCount++;
            }
        }
        List<Integer> bySize = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            bySize.add(i);
        }
        bySize.sort(Comparator.comparingLong(cells::get));
        for (int i : bySize) {
            if (hiddenCount == 0 || hiddenSum >= Released.SMALLEST_SHOWN) {
                break;
            }
            if (!hidden[i]) {
                hidden[i] = true;
                hiddenSum += cells.get(i);
                hiddenCount++;
            }
        }
        List<Released> released = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            released.add(hidden[i] ? Released.hiddenToProtectOthers() : Released.of(cells.get(i)));
        }
        return new Table(Released.of(total), released);
    }

    /** The hidden cells, taken together, would be known from the total: one alone, or 1–10 between them. */
    private static boolean recoverable(List<Long> cells, boolean[] hidden) {
        int count = 0;
        long sum = 0;
        for (int i = 0; i < hidden.length; i++) {
            if (hidden[i]) {
                count++;
                sum += cells.get(i);
            }
        }
        return count == 1 || (count > 1 && sum > 0 && sum < Released.SMALLEST_SHOWN);
    }

    private static Table allHidden(int n, boolean[] hidden, List<Long> cells) {
        List<Released> released = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long c = cells.get(i);
            released.add(c == 0 ? Released.of(0) : Released.hiddenToProtectOthers());
        }
        long total = cells.stream().mapToLong(Long::longValue).sum();
        return new Table(total == 0 ? Released.of(0) : total < Released.SMALLEST_SHOWN ? Released.of(total)
                : Released.hiddenToProtectOthers(), released);
    }
}
