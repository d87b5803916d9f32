package jp.tsunagu.research.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.tsunagu.research.Released;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * The one release rule, held against every earlier figure in the ledger whatever its kind or label: a new
 * shown figure may not differ from an earlier one by 1–10 people either way (A minus B, B minus A: a breakdown
 * cell against a later count, an invitation round against a cohort, one sponsor's answer against another's),
 * and may not cut a group a breakdown hid into a part of 1–10 people; nor may a new hidden group be so cut
 * by an earlier figure. Sizes here are the true ones: the adjustment of {@link Perturbation} comes on top.
 * Pure: the ledger passes its entries in, so the attack suite runs the very same rule.
 */
public final class ReleaseRule {

    private ReleaseRule() {
    }

    /** The first earlier (or same-answer) figure that would give a group of 1–10 people away, if any. */
    public static Optional<Conflict> conflict(Map<String, RoaringBitmap> exact, Optional<RoaringBitmap> hidden,
            Iterable<LedgerEntry> earlier) {
        List<Held> held = new ArrayList<>();
        earlier.forEach(e -> held.add(hold(e)));
        return check(exact, hidden, held);
    }

    /** As {@link #conflict}, against entries already held (as the ledger keeps them). */
    public static Optional<Conflict> check(Map<String, RoaringBitmap> exact, Optional<RoaringBitmap> hidden,
            Iterable<Held> earlier) {
        List<Held> shown = new ArrayList<>();
        exact.values().forEach(b -> shown.add(hold(b.toMutableRoaringBitmap(), null)));
        // Within the answer itself (cells, totals and windows of one answer against each other).
        for (int i = 0; i < shown.size(); i++) {
            for (int j = i + 1; j < shown.size(); j++) {
                if (differBySmall(shown.get(i), shown.get(j))) {
                    return Optional.of(new Conflict(Optional.empty()));
                }
            }
        }
        ImmutableRoaringBitmap newHidden = hidden.filter(h -> !h.isEmpty()).map(RoaringBitmap::toMutableRoaringBitmap)
                .orElse(null);
        for (Held before : earlier) {
            LedgerEntry entry = before.entry();
            if (entry.kind() == LedgerEntry.Kind.EXACT) {
                for (Held now : shown) {
                    if (differBySmall(now, before)) {
                        return Optional.of(new Conflict(Optional.of(entry)));
                    }
                }
                if (newHidden != null && splits(entry.members(), newHidden)) {
                    return Optional.of(new Conflict(Optional.of(entry)));
                }
            } else {
                for (Held now : shown) {
                    if (splits(now.members(), entry.members())) {
                        return Optional.of(new Conflict(Optional.of(entry)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A set as the rule holds it: its size and a sample of {@value #SAMPLE} members spread over it, so that most
     * pairs are cleared by a few look-ups (11 sampled members of A outside B prove |A \ B| >= 11) and only the
     * nearly nested ones are counted exactly.
     */
    public record Held(@org.jspecify.annotations.Nullable LedgerEntry entry, ImmutableRoaringBitmap members,
            long size, int[] sample) {
    }

    static final int SAMPLE = 48;

    public static Held hold(LedgerEntry entry) {
        return hold(entry.members(), entry);
    }

    private static Held hold(ImmutableRoaringBitmap members, @org.jspecify.annotations.Nullable LedgerEntry entry) {
        long size = members.getLongCardinality();
        int n = (int) Math.min(SAMPLE, size);
        int[] sample = new int[n];
        for (int i = 0; i < n; i++) {
            sample[i] = members.select((int) (i * size / n));
        }
        return new Held(entry, members, size, sample);
    }

    /** Why a figure is refused: the earlier figure it would be subtracted from (empty: one of its own). */
    public record Conflict(Optional<LedgerEntry> earlier) {
    }

    /** |A \ B| or |B \ A| is 1–10. Disjoint shown sets never are: each is 0 or at least 11. */
    static boolean differBySmall(Held a, Held b) {
        boolean aOutside = provablyLarge(a, b);
        boolean bOutside = provablyLarge(b, a);
        if (aOutside && bOutside) {
            return false;
        }
        long both = ImmutableRoaringBitmap.andCardinality(a.members(), b.members());
        return small(a.size() - both) || small(b.size() - both);
    }

    /** At least 11 of A's sampled members are outside B, so |A \ B| is at least 11. */
    private static boolean provablyLarge(Held a, Held b) {
        int outside = 0;
        for (int member : a.sample()) {
            if (!b.members().contains(member) && ++outside >= Released.SMALLEST_SHOWN) {
                return true;
            }
        }
        return false;
    }

    /** A known figure cuts a hidden group into two parts, one of which is 1–10 people. */
    static boolean splits(ImmutableRoaringBitmap known, ImmutableRoaringBitmap hiddenGroup) {
        if (!ImmutableRoaringBitmap.intersects(known, hiddenGroup)) {
            return false;
        }
        long inside = ImmutableRoaringBitmap.andCardinality(known, hiddenGroup);
        long outside = hiddenGroup.getLongCardinality() - inside;
        return small(inside) || small(outside);
    }

    static boolean small(long people) {
        return people > 0 && people < Released.SMALLEST_SHOWN;
    }
}
