package jp.tsunagu.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jp.tsunagu.record.Measurements.Field;
import jp.tsunagu.record.Measurements.Problem;
import jp.tsunagu.record.PhrEntry.PhrType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeasurementsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T00:00:00Z");

    private static PhrEntry entry(PhrType type, String v1, String v2, String unit, String note, Instant at) {
        return new PhrEntry(type, Optional.ofNullable(v1).map(BigDecimal::new), Optional.ofNullable(v2).map(BigDecimal::new),
                Optional.ofNullable(unit), Optional.ofNullable(note), at);
    }

    @ParameterizedTest(name = "{0} {1}/{2} {3} is accepted")
    @CsvSource(nullValues = "-", value = {
            "BLOOD_PRESSURE, 128, 82, mmHg, -",
            "BLOOD_PRESSURE, 240, 140, mmHg, 頭痛あり",
            "WEIGHT, 62.4, -, kg, -",
            "BLOOD_GLUCOSE, 104, -, mg/dL, 食後2時間",
            "STEPS, 8012, -, 歩, -",
            "STEPS, 0, -, 歩, 寝込んでいた",
            "BODY_TEMPERATURE, 37.8, -, ℃, -",
            "NOTE, -, -, -, 朝のこわばり 20分"})
    void plausibleEntries_areAccepted(PhrType type, String v1, String v2, String unit, String note) {
        assertThat(Measurements.check(entry(type, v1, v2, unit, note, NOW.minusSeconds(60)), NOW)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}/{2} is refused at {3}: {4}")
    @CsvSource(nullValues = "-", value = {
            "BLOOD_PRESSURE, 1300, 80, VALUE1, measurement.error.range",
            "BLOOD_PRESSURE, 49, 30, VALUE1, measurement.error.range",
            "BLOOD_PRESSURE, 120, 20, VALUE2, measurement.error.range",
            "BLOOD_PRESSURE, 80, 120, VALUE2, measurement.error.diastolicAboveSystolic",
            "BLOOD_PRESSURE, 120, -, VALUE2, measurement.error.required",
            "WEIGHT, 0.5, -, VALUE1, measurement.error.range",
            "WEIGHT, 612, -, VALUE1, measurement.error.range",
            "WEIGHT, 62.45, -, VALUE1, measurement.error.decimals",
            "BLOOD_GLUCOSE, 104.5, -, VALUE1, measurement.error.decimals",
            "BLOOD_GLUCOSE, 5.6, -, VALUE1, measurement.error.range",
            "BLOOD_GLUCOSE, 900, -, VALUE1, measurement.error.range",
            "STEPS, -5, -, VALUE1, measurement.error.range",
            "STEPS, 250000, -, VALUE1, measurement.error.range",
            "BODY_TEMPERATURE, 98.6, -, VALUE1, measurement.error.range",
            "BODY_TEMPERATURE, 33.9, -, VALUE1, measurement.error.range",
            "WEIGHT, 60, 3, VALUE2, measurement.error.unexpectedValue"})
    void outOfRangeValues_areRefusedAtTheirField(PhrType type, String v1, String v2, Field field, String key) {
        String unit = Measurements.rule(type).unit().orElseThrow();
        List<Problem> problems = Measurements.check(entry(type, v1, v2, unit, null, NOW), NOW);
        assertThat(problems).extracting(Problem::field, Problem::messageKey).containsExactly(
                org.assertj.core.groups.Tuple.tuple(field, key));
    }

    @Test
    void rangeMessage_carriesTheBoundsAndTheUnit() {
        List<Problem> problems = Measurements.check(entry(PhrType.BODY_TEMPERATURE, "98.6", null, "℃", null, NOW), NOW);
        assertThat(problems.getFirst().arguments()).containsExactly("34.0", "42.0", "℃");
    }

    @ParameterizedTest(name = "{0} in {1} is refused: the unit is {2}")
    @CsvSource({
            "BLOOD_PRESSURE, kPa, mmHg",
            "WEIGHT, lb, kg",
            "BLOOD_GLUCOSE, mmol/L, mg/dL",
            "BODY_TEMPERATURE, ℉, ℃",
            "STEPS, km, 歩"})
    void wrongUnit_isRefusedNamingTheRightOne(PhrType type, String wrong, String right) {
        String v2 = type == PhrType.BLOOD_PRESSURE ? "80" : null;
        String v1 = switch (type) {
            case BLOOD_PRESSURE -> "120";
            case WEIGHT -> "60";
            case BLOOD_GLUCOSE -> "100";
            case BODY_TEMPERATURE -> "36.5";
            default -> "5000";
        };
        List<Problem> problems = Measurements.check(entry(type, v1, v2, wrong, null, NOW), NOW);
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo(Field.UNIT);
            assertThat(problem.messageKey()).isEqualTo("measurement.error.unit");
            assertThat(problem.arguments()).containsExactly(right);
        });
        assertThat(Measurements.check(entry(type, v1, v2, null, null, NOW), NOW))
                .extracting(Problem::messageKey).containsExactly("measurement.error.unit");
    }

    @Test
    void futureDate_isRefused_butAFewMinutesOfClockDriftAreNot() {
        var inAnHour = entry(PhrType.WEIGHT, "60", null, "kg", null, NOW.plus(Duration.ofHours(1)));
        assertThat(Measurements.check(inAnHour, NOW)).extracting(Problem::field, Problem::messageKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Field.MEASURED_AT, "measurement.error.future"));
        var tomorrow = entry(PhrType.BLOOD_PRESSURE, "120", "80", "mmHg", null, NOW.plus(Duration.ofDays(1)));
        assertThat(Measurements.check(tomorrow, NOW)).extracting(Problem::messageKey)
                .containsExactly("measurement.error.future");
        var drift = entry(PhrType.WEIGHT, "60", null, "kg", null, NOW.plus(Duration.ofMinutes(4)));
        assertThat(Measurements.check(drift, NOW)).isEmpty();
        var ancient = entry(PhrType.WEIGHT, "60", null, "kg", null, Instant.parse("1899-12-31T00:00:00Z"));
        assertThat(Measurements.check(ancient, NOW)).extracting(Problem::messageKey)
                .containsExactly("measurement.error.tooOld");
    }

    @Test
    void notes_needText_andStayWithinTheLimit() {
        assertThat(Measurements.check(entry(PhrType.NOTE, null, null, null, "   ", NOW), NOW))
                .extracting(Problem::messageKey).containsExactly("measurement.error.noteRequired");
        assertThat(Measurements.check(entry(PhrType.NOTE, null, null, null, "あ".repeat(Measurements.MAX_NOTE + 1), NOW), NOW))
                .extracting(Problem::messageKey).containsExactly("measurement.error.noteTooLong");
        assertThat(Measurements.check(entry(PhrType.NOTE, "3", null, "kg", "メモ", NOW), NOW))
                .extracting(Problem::messageKey)
                .containsExactlyInAnyOrder("measurement.error.unexpectedValue", "measurement.error.noUnit");
    }

    @Test
    void everyMessageKey_existsInBothLanguages() throws Exception {
        var ja = new java.util.Properties();
        var en = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/i18n/messages.properties");
                var inEn = getClass().getResourceAsStream("/i18n/messages_en.properties")) {
            ja.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            en.load(new java.io.InputStreamReader(inEn, java.nio.charset.StandardCharsets.UTF_8));
        }
        for (String key : List.of("required", "range", "decimals", "unexpectedValue", "diastolicAboveSystolic", "unit",
                "noUnit", "noteRequired", "noteTooLong", "future", "tooOld")) {
            assertThat(ja.getProperty("measurement.error." + key)).as(key).isNotBlank();
            assertThat(en.getProperty("measurement.error." + key)).as(key).isNotBlank();
        }
    }
}
