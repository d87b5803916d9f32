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

    /** A prescription with no end date counts as current this long after it started. */
    public static final int OPEN_PRESCRIPTION_DAYS = 90;

    /** Being taken on {@code day}: within its period, or open-ended and started in the last 90 days. */
    public boolean currentOn(LocalDate day) {
        if (end.isPresent()) {
            return !end.get().isBefore(day) && start.map(s -> !s.isAfter(day)).orElse(true);
        }
        return start.map(s -> !s.isBefore(day.minusDays(OPEN_PRESCRIPTION_DAYS))).orElse(false);
    }
}
