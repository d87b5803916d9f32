package jp.tsunagu.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates in Japanese records are Japanese dates: a day starts at midnight in Tokyo. */
public final class JapanTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm", Locale.ROOT);

    private JapanTime() {
    }

    public static Instant startOfDay(LocalDate date) {
        return date.atStartOfDay(ZONE).toInstant();
    }

    public static LocalDate dateOf(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    /** "2026/11/24": how Japanese screens and papers write a date. */
    public static String day(LocalDate date) {
        return date.format(DAY);
    }

    public static String day(Instant instant) {
        return day(dateOf(instant));
    }

    /** "2026/11/24 17:58", Tokyo time. */
    public static String minute(Instant instant) {
        return instant.atZone(ZONE).format(MINUTE);
    }
}
