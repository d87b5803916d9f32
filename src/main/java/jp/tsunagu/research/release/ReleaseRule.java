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
        List<ImmutableRoaringBitmap> shown = new ArrayList<>();
        exact.values().forEach(b -> shown.add(b.toMutableRoaringBitmap()));
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
        for (LedgerEntry entry : earlier) {
            ImmutableRoaringBitmap before = entry.members();
            if (entry.kind() == LedgerEntry.Kind.EXACT) {
                for (ImmutableRoaringBitmap now : shown) {
                    if (differBySmall(now, before)) {
                        return Optional.of(new Conflict(Optional.of(entry)));
                    }
                }
                if (newHidden != null && splits(before, newHidden)) {
                    return Optional.of(new Conflict(Optional.of(entry)));
                }
            } else {
                for (ImmutableRoaringBitmap now : shown) {
                    if (splits(now, before)) {
                        return Optional.of(new Conflict(Optional.of(entry)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Why a figure is refused: the earlier figure it would be subtracted from (empty: one of its own). */
    public record Conflict(Optional<LedgerEntry> earlier) {
    }

    /** |A \ B| or |B \ A| is 1–10. Disjoint shown sets never are: each is 0 or at least 11. */
    static boolean differBySmall(ImmutableRoaringBitmap a, ImmutableRoaringBitmap b) {
        if (!ImmutableRoaringBitmap.intersects(a, b)) {
            return small(a.getLongCardinality()) || small(b.getLongCardinality());
        }
        long both = ImmutableRoaringBitmap.andCardinality(a, b);
        return small(a.getLongCardinality() - both) || small(b.getLongCardinality() - both);
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
