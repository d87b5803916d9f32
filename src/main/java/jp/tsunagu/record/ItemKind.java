package jp.tsunagu.record;

/** The table an item's typed fields live in. */
public enum ItemKind {
    ENCOUNTER, DIAGNOSIS, ALLERGY, INFECTION_TEST, LAB_RESULT, PRESCRIPTION, DOCUMENT, PHR_ENTRY, OTHER
}
