package jp.tsunagu.research;

import java.util.OptionalLong;

/**
 * A figure as it leaves the platform: exact from 11 up and at 0, otherwise "10 or fewer"; a figure
 * hidden to protect another one (complementary suppression) also reads as hidden.
 */
public record Released(OptionalLong value, boolean complementary) {

    /** Counts from 1 to this many are never shown. */
    public static final int SMALLEST_SHOWN = 11;

    public static Released of(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("a count is never negative");
        }
        return count == 0 || count >= SMALLEST_SHOWN ? new Released(OptionalLong.of(count), false)
                : new Released(OptionalLong.empty(), false);
    }

    public static Released hiddenToProtectOthers() {
        return new Released(OptionalLong.empty(), true);
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
