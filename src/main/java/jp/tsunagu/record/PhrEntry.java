package jp.tsunagu.record;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * A measurement or note the patient entered. Blood pressure uses both values (systolic, diastolic);
 * the others one value, or only the note.
 */
public record PhrEntry(PhrType type, Optional<BigDecimal> value1, Optional<BigDecimal> value2, Optional<String> unit,
        Optional<String> note, Instant measuredAt) implements ItemContent {

    public enum PhrType { BLOOD_PRESSURE, WEIGHT, BLOOD_GLUCOSE, STEPS, BODY_TEMPERATURE, SYMPTOM, NOTE }

    @Override
    public ItemKind kind() {
        return ItemKind.PHR_ENTRY;
    }

    @Override
    public RecordCategory category() {
        return RecordCategory.PHR;
    }

    @Override
    public Optional<Instant> effectiveAt() {
        return Optional.of(measuredAt);
    }
}
