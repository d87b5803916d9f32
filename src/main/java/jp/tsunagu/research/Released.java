package jp.tsunagu.research;

import java.util.OptionalLong;

/**
 * A figure as it leaves the platform: from 11 up (possibly adjusted by a few people, see
 * {@code release.Perturbation}) and at 0, otherwise "10 or fewer"; a figure hidden to protect another one
 * (complementary suppression) also reads as hidden.
 *
 * @param adjusted the shown value carries the deterministic adjustment (the screen says so)
 */
public record Released(OptionalLong value, boolean complementary, boolean adjusted) {

    /** Counts from 1 to this many are never shown. */
    public static final int SMALLEST_SHOWN = 11;

    public static Released of(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("a count is never negative");
        }
        return count == 0 || count >= SMALLEST_SHOWN ? new Released(OptionalLong.of(count), false, false)
                : new Released(OptionalLong.empty(), false, false);
    }

    /**
     * A figure of {@code count} people released as {@code shown}, the count with its adjustment: 1–10 still read
     * "10 or fewer", 0 stays 0, and a shown value is never below 11 (an adjustment must not make a large group
     * look small, nor a small one look shown).
     */
    public static Released adjusted(long count, long shown) {
        if (count < 0) {
            throw new IllegalArgumentException("a count is never negative");
        }
        if (count == 0 || count < SMALLEST_SHOWN) {
            return of(count);
        }
        return new Released(OptionalLong.of(Math.max(SMALLEST_SHOWN, shown)), false, true);
    }

    /**
     * A count of people as a sponsor is told it, before any adjustment: 0 reads like 1–10 ("10 or fewer"), since an
     * exact 0 for "her sex, age band and prefecture AND the disease" would say that she does not have it.
     */
    public static Released forSponsors(long count) {
        return count < SMALLEST_SHOWN ? new Released(OptionalLong.empty(), false, false) : of(count);
    }

    public static Released hiddenToProtectOthers() {
        return new Released(OptionalLong.empty(), true, false);
    }

    public boolean shown() {
        return value.isPresent();
    }

    /** A figure read back from the query log (the inverse of {@link #token}). */
    public static Released ofToken(String token) {
        return switch (token) {
            case "<=10" -> Released.of(1);
            case "hidden" -> hiddenToProtectOthers();
            default -> Released.of(Long.parseLong(token));
        };
    }

    /** For logs and JSON: the number, "<=10", or "hidden". */
    public String token() {
        return value.isPresent() ? Long.toString(value.getAsLong()) : complementary ? "hidden" : "<=10";
    }
}
