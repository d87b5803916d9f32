package jp.tsunagu.research.counting;

import java.time.Instant;
import java.time.LocalDate;

import jp.tsunagu.shared.JapanTime;

/** Calendar months in Japan as one number (year × 12 + month − 1): lab periods count whole months. */
public final class Months {

    private Months() {
    }

    static int of(LocalDate date) {
        return date.getYear() * 12 + date.getMonthValue() - 1;
    }

    static int of(Instant instant) {
        return of(JapanTime.dateOf(instant));
    }

    /** The first day of the month {@code months − 1} months before {@code today}'s: "the last N months" start here. */
    static LocalDate firstDayOfWindow(LocalDate today, int months) {
        return today.withDayOfMonth(1).minusMonths(months - 1L);
    }
}
