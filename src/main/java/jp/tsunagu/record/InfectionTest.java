package jp.tsunagu.record;

import java.time.Instant;
import java.util.Optional;

/** 感染症: a test for an infection (HBs antigen, HCV antibody, syphilis, HIV, SARS-CoV-2 …) and its result. */
public record InfectionTest(String name, Optional<Code> code, String result, Optional<Boolean> positive,
        Optional<Instant> effectiveAt) implements ItemContent {

    @Override
    public ItemKind kind() {
        return ItemKind.INFECTION_TEST;
    }

    @Override
    public RecordCategory category() {
        return RecordCategory.INFECTION;
    }
}
