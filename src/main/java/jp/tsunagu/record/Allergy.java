package jp.tsunagu.record;

import java.time.Instant;
import java.util.Optional;

/**
 * 薬剤アレルギー等 (category medication, including contraindicated drugs recorded as intolerance) and
 * その他アレルギー (food, environment, biologic).
 */
public record Allergy(String substance, Optional<Code> code, AllergyCategory allergyCategory, Optional<String> type,
        Optional<String> criticality, Optional<String> clinicalStatus, Optional<String> reaction,
        Optional<String> note, Optional<Instant> recordedAt) implements ItemContent {

    public enum AllergyCategory {
        MEDICATION, FOOD, ENVIRONMENT, BIOLOGIC, UNKNOWN;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Override
    public ItemKind kind() {
        return ItemKind.ALLERGY;
    }

    @Override
    public RecordCategory category() {
        return allergyCategory == AllergyCategory.MEDICATION ? RecordCategory.DRUG_ALLERGY : RecordCategory.OTHER_ALLERGY;
    }

    @Override
    public Optional<Instant> effectiveAt() {
        return recordedAt;
    }
}
