package jp.tsunagu.record;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** 検査: one lab value with its code (JLAC10 or LOINC), unit and the laboratory's reference range. */
public record LabResult(String name, Optional<Code> code, Optional<BigDecimal> value, Optional<String> valueText,
        Optional<String> unit, Optional<BigDecimal> referenceLow, Optional<BigDecimal> referenceHigh,
        Optional<String> interpretation, Optional<Instant> effectiveAt) implements ItemContent {

    @Override
    public ItemKind kind() {
        return ItemKind.LAB_RESULT;
    }

    @Override
    public RecordCategory category() {
        return RecordCategory.LAB;
    }

    /** Outside the reference range; unknown when there is no number or no range. */
    public Optional<Boolean> outOfRange() {
        if (value.isEmpty() || (referenceLow.isEmpty() && referenceHigh.isEmpty())) {
            return Optional.empty();
        }
        BigDecimal v = value.get();
        boolean low = referenceLow.map(l -> v.compareTo(l) < 0).orElse(false);
        boolean high = referenceHigh.map(h -> v.compareTo(h) > 0).orElse(false);
        return Optional.of(low || high);
    }
}
