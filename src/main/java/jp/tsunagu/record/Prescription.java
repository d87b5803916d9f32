package jp.tsunagu.record;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import jp.tsunagu.shared.JapanTime;

/** 処方: a drug (YJ or HOT code), its dose and the period it covers. */
public record Prescription(String drugName, Optional<Code> code, Optional<String> doseText,
        Optional<BigDecimal> doseQuantity, Optional<String> doseUnit, Optional<LocalDate> start,
        Optional<LocalDate> end, Optional<String> status) implements ItemContent {

    @Override
    public ItemKind kind() {
        return ItemKind.PRESCRIPTION;
    }

    @Override
    public RecordCategory category() {
        return RecordCategory.PRESCRIPTION;
    }

    @Override
    public Optional<Instant> effectiveAt() {
        return start.map(JapanTime::startOfDay);
    }
}
