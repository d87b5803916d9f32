package jp.tsunagu.consent;

/**
 * Why data is asked for, and what holds when the patient has said nothing (the product's table):
 * treatment and trial recruitment need the patient's yes; research, post-market surveillance and public
 * health are allowed until the patient says no; an emergency is always allowed, time-boxed and reviewed.
 */
public enum Purpose {
    TREATMENT(false, false),
    EMERGENCY(true, false),
    TRIAL_RECRUITMENT(false, true),
    RESEARCH(true, true),
    POST_MARKET(true, true),
    PUBLIC_HEALTH(true, true);

    private final boolean permittedByDefault;
    private final boolean patientSwitch;

    Purpose(boolean permittedByDefault, boolean patientSwitch) {
        this.permittedByDefault = permittedByDefault;
        this.patientSwitch = patientSwitch;
    }

    public boolean permittedByDefault() {
        return permittedByDefault;
    }

    /** A purpose the patient turns on (opt-in) or off (opt-out) as a whole, with one switch. */
    public boolean patientSwitch() {
        return patientSwitch;
    }
}
