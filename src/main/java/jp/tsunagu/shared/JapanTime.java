package jp.tsunagu.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Dates in Japanese records are Japanese dates: a day starts at midnight in Tokyo. */
public final class JapanTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

    private JapanTime() {
    }

    public static Instant startOfDay(LocalDate date) {
        return date.atStartOfDay(ZONE).toInstant();
    }

    public static LocalDate dateOf(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }
}
