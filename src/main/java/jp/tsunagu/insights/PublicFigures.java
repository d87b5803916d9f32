package jp.tsunagu.insights;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import jp.tsunagu.research.Released;
import jp.tsunagu.research.ResearchFigures;
import jp.tsunagu.shared.Prefecture;

/**
 * Every figure the public pages show, computed together in the background and replaced as a whole: a page
 * view only reads it. Each count of people went through the privacy floor ({@link Released}).
 *
 * @param figures the headline figures by key ({@code quality.allergiesShared}, …)
 */
public record PublicFigures(Instant computedAt, Map<String, Released> figures, List<Beds> prefectures,
        List<Beds> hospitals, List<Day> trend, List<LocalDate> weeks, List<Infections> infections,
        List<Infections> infectionTotal, List<Month> duplicates, Cost cost, List<ResearchFigures.Use> register) {

    public PublicFigures {
        figures = Map.copyOf(figures);
        prefectures = List.copyOf(prefectures);
        hospitals = List.copyOf(hospitals);
        trend = List.copyOf(trend);
        weeks = List.copyOf(weeks);
        infections = List.copyOf(infections);
        infectionTotal = List.copyOf(infectionTotal);
        duplicates = List.copyOf(duplicates);
        register = List.copyOf(register);
    }

    /** Nothing computed yet (the first refresh runs right after start). */
    public static PublicFigures none() {
        return new PublicFigures(Instant.EPOCH, Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), new Cost(Released.of(0), Released.of(0), 0, 0, OptionalLong.empty()), List.of());
    }

    public boolean ready() {
        return !computedAt.equals(Instant.EPOCH);
    }

    public Released figure(String key) {
        return figures.getOrDefault(key, Released.of(0));
    }

    /** Beds in use now in a prefecture or one hospital; the share only when the count is shown. */
    public record Beds(String name, Optional<Prefecture> prefecture, int hospitals, long licensedBeds,
            Released inpatients, OptionalDouble occupancyPercent) {
    }

    /** Inpatients in the country at noon of a day. */
    public record Day(LocalDate day, Released inpatients, OptionalDouble occupancyPercent) {
    }

    /** Positive infection tests per week (in the order of {@link #weeks}) in a prefecture. */
    public record Infections(Optional<Prefecture> prefecture, List<Released> byWeek) {
        public Infections {
            byWeek = List.copyOf(byWeek);
        }
    }

    /** Duplicate prescriptions and tests (two hospitals, 30 days) in a month. */
    public record Month(YearMonth month, Released prescriptions, Released tests) {
    }

    /**
     * The last 12 months' duplicates and what they may have cost, on the stated assumptions (yen per duplicate);
     * the estimate only when both counts are shown.
     */
    public record Cost(Released prescriptions, Released tests, long yenPerPrescription, long yenPerTest,
            OptionalLong estimateYen) {
    }
}
