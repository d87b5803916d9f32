package jp.tsunagu.consent;

import jp.tsunagu.directory.OrganisationId;

/** To whom a directive speaks. */
public sealed interface Grantee {

    /** One organisation, e.g. 東京中央病院. */
    record Organisation(OrganisationId id) implements Grantee {
    }

    /** Every organisation in a care relationship with the patient, now and later. */
    record Treating() implements Grantee {
    }

    /** Whoever acts for the directive's purpose (sponsors recruiting, researchers, surveillance). */
    record Audience() implements Grantee {
    }
}
