package jp.tsunagu.research.release;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.tsunagu.research.Released;
import org.jspecify.annotations.Nullable;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * The one release rule, held against every earlier figure in the ledger whatever its kind, label or audience (any
 * sponsor's, any public figure). A new figure whose people are within 10 of an earlier shown figure's on both sides
 * (|A \ B| and |B \ A| both 0–10) reads exactly as that earlier figure: subtracting the two gives 0, whether the
 * groups are the same or differ by a few people, so a breakdown cell against a later count, "A" against "A AND NOT
 * x", one sponsor's answer against another's teach nothing. Every other shown figure carries its own deterministic
 * adjustment ({@link Perturbation}), which makes any sum or difference of several figures inexact.
 *
 * <p>Nothing is refused for what the numbers are: a refusal would itself be information (refused when a known
 * person has the disease, answered when not). What decides is only whether two groups are nearly the same, which
 * suppression of 1–10 already tells. Pure: the ledger passes its entries in, so the attack suite runs this very
 * rule.
 */
public final class ReleaseRule {

    /** Groups within this many people of each other on both sides read as one. */
    static final int NEAR = Released.SMALLEST_SHOWN - 1;

    private ReleaseRule() {
    }

    /** A figure of an answer as released, and the earlier figure it reads as, if any. */
    public record Outcome(Released figure, Optional<LedgerEntry> sameAs) {
    }

    /**
     * The answer's figures as released. {@code decided} is what suppression made of each (shown, "10 or fewer",
     * hidden); each shown one reads as the earliest earlier figure its people are near, or else with its own
     * adjustment.
     */
    public static Map<String, Outcome> release(Map<String, RoaringBitmap> sets, Map<String, Released> decided,
            Iterable<Held> earlier, Perturbation adjustment) {
        Anchors anchors = new Anchors();
        earlier.forEach(anchors::add);
        return release(sets, decided, anchors, adjustment);
    }

    /** As above, against the anchors a ledger keeps. */
    public static Map<String, Outcome> release(Map<String, RoaringBitmap> sets, Map<String, Released> decided,
            Anchors earlier, Perturbation adjustment) {
        Map<String, Outcome> out = new LinkedHashMap<>();
        decided.forEach((label, figure) -> {
            RoaringBitmap members = sets.get(label);
            if (!figure.shown() || members == null || members.isEmpty()) {
                out.put(label, new Outcome(figure, Optional.empty()));
                return;
            }
            Optional<LedgerEntry> near = nearest(members, earlier);
            out.put(label, near.map(e -> new Outcome(Released.adjusted(members.getLongCardinality(),
                            e.shown().getAsLong()), near))
                    .orElseGet(() -> new Outcome(adjustment.release(members), Optional.empty())));
        });
        return out;
    }

    /** The earliest original shown figure whose people are within {@value #NEAR} of these on both sides. */
    static Optional<LedgerEntry> nearest(RoaringBitmap members, Anchors earlier) {
        Held now = hold(members.toMutableRoaringBitmap(), null);
        LedgerEntry found = null;
        for (Held before : earlier.around(now.size())) {
            LedgerEntry entry = before.entry();
            if (entry != null && (found == null || entry.seq() < found.seq()) && near(now, before)) {
                found = entry;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The figures a new one may read as — original shown figures (not hidden groups, not figures that themselves
     * read as another) — by size: two groups within 10 of each other on both sides differ in size by at most 10,
     * so only those of nearly the same size are looked at.
     */
    public static final class Anchors {
        private final java.util.TreeMap<Long, List<Held>> bySize = new java.util.TreeMap<>();
        private int count;

        /** Adds the entry if it can be read as (the others stay in the ledger, not here). */
        public void add(Held held) {
            LedgerEntry e = held.entry();
            if (e != null && e.kind() == LedgerEntry.Kind.EXACT && e.shown().isPresent() && e.sameAs().isEmpty()) {
                bySize.computeIfAbsent(held.size(), k -> new ArrayList<>()).add(held);
                count++;
            }
        }

        /** Forgets the figures released before {@code from} (the window). */
        public void forgetBefore(java.time.Instant from) {
            for (var it = bySize.values().iterator(); it.hasNext(); ) {
                List<Held> same = it.next();
                int before = same.size();
                same.removeIf(h -> h.entry() != null && h.entry().at().isBefore(from));
                count -= before - same.size();
                if (same.isEmpty()) {
                    it.remove();
                }
            }
        }

        public int size() {
            return count;
        }

        Iterable<Held> around(long size) {
            return () -> bySize.subMap(size - NEAR, true, size + NEAR, true).values().stream()
                    .flatMap(List::stream).iterator();
        }
    }

    /** |A \ B| <= 10 and |B \ A| <= 10. */
    static boolean near(Held a, Held b) {
        if (Math.abs(a.size() - b.size()) > NEAR || provablyFar(a, b) || provablyFar(b, a)) {
            return false;
        }
        long both = ImmutableRoaringBitmap.andCardinality(a.members(), b.members());
        return a.size() - both <= NEAR && b.size() - both <= NEAR;
    }

    /** More than 10 of A's sampled members are outside B, so |A \ B| is more than 10. */
    private static boolean provablyFar(Held a, Held b) {
        int outside = 0;
        for (int member : a.sample()) {
            if (!b.members().contains(member) && ++outside > NEAR) {
                return true;
            }
        }
        return false;
    }

    /**
     * A set as the rule holds it: its size and a sample of {@value #SAMPLE} members spread over it, so that most
     * pairs are told apart by their sizes or a few look-ups and only nearly equal ones are counted exactly.
     */
    public record Held(@Nullable LedgerEntry entry, ImmutableRoaringBitmap members, long size, int[] sample) {
    }

    static final int SAMPLE = 48;

    public static Held hold(LedgerEntry entry) {
        return hold(entry.members(), entry);
    }

    private static Held hold(ImmutableRoaringBitmap members, @Nullable LedgerEntry entry) {
        long size = members.getLongCardinality();
        int n = (int) Math.min(SAMPLE, size);
        int[] sample = new int[n];
        for (int i = 0; i < n; i++) {
            sample[i] = members.select((int) (i * size / n));
        }
        return new Held(entry, members, size, sample);
    }

    /** Holds a list of entries (for callers that keep plain entries, like the attack suite). */
    public static List<Held> hold(Iterable<LedgerEntry> entries) {
        List<Held> held = new ArrayList<>();
        entries.forEach(e -> held.add(hold(e)));
        return held;
    }
}
