package jp.tsunagu.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import jp.tsunagu.shared.JapanTime;

/**
 * 傷病名. {@code onsetText} keeps the precision the source gave ("2018", "2022-05"); {@code onsetDate} is
 * its first day, for sorting and periods.
 */
public record Diagnosis(String name, Optional<Code> code, Optional<String> icd10, Optional<String> clinicalStatus,
        Optional<String> verification, Optional<String> onsetText, Optional<LocalDate> onsetDate,
        Optional<String> note) implements ItemContent {

    /** An ICD-10 code alone is the diagnosis' code as well: one diagnosis, one shape, however it arrived. */
    public Diagnosis {
        if (code.isEmpty() && icd10.isPresent()) {
            code = Optional.of(Code.of(Code.ICD10, icd10.get(), name));
        }
    }

    @Override
    public ItemKind kind() {
        return ItemKind.DIAGNOSIS;
    }

    @Override
    public RecordCategory category() {
        return RecordCategory.DIAGNOSIS;
    }

    @Override
    public Optional<Instant> effectiveAt() {
        return onsetDate.map(JapanTime::startOfDay);
    }

    public boolean active() {
        return clinicalStatus.map(s -> s.equals("active") || s.equals("recurrence") || s.equals("relapse"))
                .orElse(true);
    }
}
