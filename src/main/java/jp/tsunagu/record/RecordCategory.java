package jp.tsunagu.record;

/**
 * What a consent directive grants, item by item: the 6情報, the 3文書, the patient's own PHR entries,
 * plus encounters and kept-but-unmodelled resources, which give context to the others.
 */
public enum RecordCategory {
    DIAGNOSIS, INFECTION, DRUG_ALLERGY, OTHER_ALLERGY, LAB, PRESCRIPTION,
    REFERRAL_LETTER, DISCHARGE_SUMMARY, HEALTH_CHECK,
    PHR,
    ENCOUNTER, OTHER;

    /** 6情報: kept five years from registration by the national sharing service. */
    public boolean isSixInformation() {
        return switch (this) {
            case DIAGNOSIS, INFECTION, DRUG_ALLERGY, OTHER_ALLERGY, LAB, PRESCRIPTION -> true;
            default -> false;
        };
    }

    /** 3文書. */
    public boolean isDocument() {
        return this == REFERRAL_LETTER || this == DISCHARGE_SUMMARY || this == HEALTH_CHECK;
    }
}
