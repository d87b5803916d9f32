package jp.tsunagu.research;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The codes the platform holds, with the names hospitals send, for the cohort builder's pickers: no
 * counts, so a code never says how many people have it.
 */
public record Vocabulary(List<Term> diagnoses, List<Term> drugs, List<LabTerm> labs) {

    public Vocabulary {
        diagnoses = List.copyOf(diagnoses);
        drugs = List.copyOf(drugs);
        labs = List.copyOf(labs);
    }

    public record Term(String code, String name) {
    }

    /**
     * A lab test; "above" thresholds must be at or over {@code highestUpperLimit}, "below" ones at or under
     * {@code lowestLowerLimit}, when present.
     */
    public record LabTerm(String code, String name, String unit, Optional<BigDecimal> highestUpperLimit,
            Optional<BigDecimal> lowestLowerLimit) {
    }
}
