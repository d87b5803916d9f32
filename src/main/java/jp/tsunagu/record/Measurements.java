package jp.tsunagu.record;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jp.tsunagu.record.PhrEntry.PhrType;
import jp.tsunagu.shared.JapanTime;

/**
 * What a patient may enter as a measurement: one unit per kind (the one Japanese home devices show)
 * and a plausible range, wide enough for real illness (a systolic 240 is an emergency, not a typo) and
 * narrow enough to catch a slipped digit (1,300 mmHg) or a wrong unit (98.6 as a body temperature in
 * ℃). The clock allows a few minutes of drift between the phone and the server, nothing more.
 */
public final class Measurements {

    /** Largest free text of a note or symptom, in characters. */
    public static final int MAX_NOTE = 1000;

    static final Duration CLOCK_DRIFT = Duration.ofMinutes(5);
    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    /** Range of one value: inclusive bounds and the number of decimals a device shows. */
    public record Range(BigDecimal min, BigDecimal max, int scale) {

        static Range of(String min, String max, int scale) {
            return new Range(new BigDecimal(min), new BigDecimal(max), scale);
        }

        boolean holds(BigDecimal value) {
            return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
        }
    }

    /** The kind's unit as stored and shown, and its value ranges (two for blood pressure, none for text). */
    public record Rule(Optional<String> unit, List<Range> ranges) {
    }

    /** One thing wrong with an entry: the field it belongs to and a message key with its arguments. */
    public record Problem(Field field, String messageKey, List<Object> arguments) {

        static Problem of(Field field, String key, Object... arguments) {
            return new Problem(field, key, List.of(arguments));
        }
    }

    public enum Field { VALUE1, VALUE2, UNIT, NOTE, MEASURED_AT }

    private Measurements() {
    }

    public static Rule rule(PhrType type) {
        return switch (type) {
            case BLOOD_PRESSURE -> new Rule(Optional.of("mmHg"),
                    List.of(Range.of("50", "260", 0), Range.of("30", "160", 0)));
            case WEIGHT -> new Rule(Optional.of("kg"), List.of(Range.of("1", "300", 1)));
            case BLOOD_GLUCOSE -> new Rule(Optional.of("mg/dL"), List.of(Range.of("20", "600", 0)));
            case STEPS -> new Rule(Optional.of("歩"), List.of(Range.of("0", "100000", 0)));
            case BODY_TEMPERATURE -> new Rule(Optional.of("℃"), List.of(Range.of("34.0", "42.0", 1)));
            case SYMPTOM, NOTE -> new Rule(Optional.empty(), List.of());
        };
    }

    /** Everything wrong with the entry at {@code now}; empty when it may be stored. */
    public static List<Problem> check(PhrEntry entry, Instant now) {
        List<Problem> problems = new ArrayList<>();
        Rule rule = rule(entry.type());
        List<Optional<BigDecimal>> values = List.of(entry.value1(), entry.value2());
        List<Field> fields = List.of(Field.VALUE1, Field.VALUE2);
        for (int i = 0; i < 2; i++) {
            Optional<BigDecimal> value = values.get(i);
            if (i >= rule.ranges().size()) {
                if (value.isPresent()) {
                    problems.add(Problem.of(fields.get(i), "measurement.error.unexpectedValue"));
                }
                continue;
            }
            Range range = rule.ranges().get(i);
            if (value.isEmpty()) {
                problems.add(Problem.of(fields.get(i), "measurement.error.required"));
            } else if (!range.holds(value.get())) {
                problems.add(Problem.of(fields.get(i), "measurement.error.range", range.min().toPlainString(),
                        range.max().toPlainString(), rule.unit().orElse("")));
            } else if (value.get().stripTrailingZeros().scale() > range.scale()) {
                problems.add(Problem.of(fields.get(i), "measurement.error.decimals", range.scale()));
            }
        }
        if (entry.type() == PhrType.BLOOD_PRESSURE && problems.isEmpty()
                && entry.value1().orElseThrow().compareTo(entry.value2().orElseThrow()) <= 0) {
            problems.add(Problem.of(Field.VALUE2, "measurement.error.diastolicAboveSystolic"));
        }
        if (!entry.unit().equals(rule.unit())) {
            problems.add(rule.unit().isPresent()
                    ? Problem.of(Field.UNIT, "measurement.error.unit", rule.unit().get())
                    : Problem.of(Field.UNIT, "measurement.error.noUnit"));
        }
        boolean textOnly = rule.ranges().isEmpty();
        Optional<String> note = entry.note().map(String::strip).filter(n -> !n.isEmpty());
        if (textOnly && note.isEmpty()) {
            problems.add(Problem.of(Field.NOTE, "measurement.error.noteRequired"));
        }
        if (note.isPresent() && note.get().length() > MAX_NOTE) {
            problems.add(Problem.of(Field.NOTE, "measurement.error.noteTooLong", MAX_NOTE));
        }
        if (entry.measuredAt().isAfter(now.plus(CLOCK_DRIFT))) {
            problems.add(Problem.of(Field.MEASURED_AT, "measurement.error.future"));
        } else if (entry.measuredAt().isBefore(JapanTime.startOfDay(EARLIEST))) {
            problems.add(Problem.of(Field.MEASURED_AT, "measurement.error.tooOld"));
        }
        return List.copyOf(problems);
    }
}
