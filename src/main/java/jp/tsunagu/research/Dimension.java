package jp.tsunagu.research;

import java.time.LocalDate;
import java.time.Period;

/** What a count can be broken down by: prefecture (00 = unknown), ten-year age band (90 = 90 and over), sex. */
public enum Dimension {
    PREFECTURE, AGE_BAND, SEX;

    public static final int OLDEST_BAND = 90;

    public static String prefectureKey(int code) {
        return String.format("%02d", code);
    }

    public static String ageKey(int band) {
        return Integer.toString(band);
    }

    public static int band(LocalDate birthDate, LocalDate today) {
        int age = Math.max(0, Period.between(birthDate, today).getYears());
        return Math.min(OLDEST_BAND, age / 10 * 10);
    }
}
