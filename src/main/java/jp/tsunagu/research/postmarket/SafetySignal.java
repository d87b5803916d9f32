package jp.tsunagu.research.postmarket;

import java.util.List;

/**
 * Lab abnormalities a post-market view counts, with the codes hospitals send them under (JLAC10 first,
 * LOINC as some send it): a value above a multiple of the result's own upper reference limit (the
 * drug-induced liver injury and rhabdomyolysis thresholds), or eGFR falling by more than 30 % from the
 * patient's previous result (a common acute kidney injury signal).
 */
public enum SafetySignal {
    ALT_ABOVE_3X_ULN(List.of("3B045000002327201", "1742-6"), 3),
    AST_ABOVE_3X_ULN(List.of("3B035000002327201", "1920-8"), 3),
    CK_ABOVE_5X_ULN(List.of("3B010000002327201", "2157-6"), 5),
    EGFR_DROP_30_PERCENT(List.of("8A065000002391901", "33914-3", "62238-1"), 0);

    private final List<String> codes;
    private final int timesUpperLimit;

    SafetySignal(List<String> codes, int timesUpperLimit) {
        this.codes = codes;
        this.timesUpperLimit = timesUpperLimit;
    }

    public List<String> codes() {
        return codes;
    }

    /** For "above N × ULN" signals; 0 for the eGFR drop. */
    public int timesUpperLimit() {
        return timesUpperLimit;
    }
}
