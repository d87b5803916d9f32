package jp.tsunagu.consent;

/** Why a clinician breaks the glass: chosen from this list, then explained in their own words. */
public enum EmergencyReason {
    /** The patient cannot be asked (unconscious, confused). */
    UNCONSCIOUS,
    /** Life is at risk now. */
    LIFE_THREATENING,
    /** A treatment decision cannot wait for the patient's consent. */
    URGENT_TREATMENT,
    OTHER
}
