package jp.tsunagu.directory;

public enum OrganisationKind {
    HOSPITAL, CLINIC, PHARMACY, SPONSOR, AUTHORITY, OTHER;

    /** Hospitals, clinics and pharmacies treat patients; sponsors and authorities never do. */
    public boolean providesCare() {
        return this == HOSPITAL || this == CLINIC || this == PHARMACY;
    }
}
