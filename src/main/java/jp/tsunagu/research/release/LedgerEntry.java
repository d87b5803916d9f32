package jp.tsunagu.research.release;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * One number that left the portal, with exactly the people it stands for and to whom it went.
 *
 * @param recipient the sponsor organisation it went to (empty for the public)
 * @param query the logged query it answered (empty for a public figure)
 * @param label what it was: {@code total}, {@code SEX:F}, {@code invited:…}, {@code safety:after},
 *     {@code public:resources.inpatients:2026-12-07}, …
 */
public record LedgerEntry(long seq, Instant at, Audience audience, Optional<UUID> recipient, Optional<UUID> query,
        String label, Kind kind, ImmutableRoaringBitmap members) {

    /** Who saw it. Sponsors are one audience: affiliated sponsors share answers, so all of theirs are pooled. */
    public enum Audience {
        SPONSORS, PUBLIC
    }

    /** An exact (shown) figure, or the group a breakdown kept hidden (its hidden cells together). */
    public enum Kind {
        EXACT, HIDDEN
    }
}
