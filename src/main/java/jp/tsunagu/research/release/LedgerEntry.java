package jp.tsunagu.research.release;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * One number that left the portal, with exactly the people it stands for and to whom it went.
 *
 * @param recipient the sponsor organisation it went to (empty for the public)
 * @param query the logged query it answered (empty for a public figure)
 * @param label what it was: {@code total}, {@code SEX:female}, {@code invited:…}, {@code safety:after},
 *     {@code public:resources.inpatients:2026-12-07}, …
 * @param shown the value released (empty for a hidden group)
 * @param sameAs the earlier entry it read as, its people being within 10 of that one's (empty: its own figure)
 */
public record LedgerEntry(long seq, Instant at, Audience audience, Optional<UUID> recipient, Optional<UUID> query,
        String label, Kind kind, OptionalLong shown, OptionalLong sameAs, ImmutableRoaringBitmap members) {

    /** Who saw it. Sponsors are one audience: affiliated sponsors share answers, so all of theirs are pooled. */
    public enum Audience {
        SPONSORS, PUBLIC
    }

    /** A shown figure, or the group a breakdown kept hidden (its hidden cells together). */
    public enum Kind {
        EXACT, HIDDEN
    }
}
