package jp.tsunagu.research;

import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.OrganisationDetails;
import jp.tsunagu.directory.OrganisationKind;
import jp.tsunagu.identity.Role;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.identity.TestActors;

/** Runs work as a sponsor of an organisation registered under {@code code} (registered on first use). */
final class TestSponsor {

    private TestSponsor() {
    }

    static void as(Directory directory, String code, Runnable work) {
        SystemActor.run("test", () -> {
            if (directory.organisationOf(Identifier.portalOrganisation(code)).isEmpty()) {
                directory.organisation(OrganisationDetails.of(OrganisationKind.SPONSOR, "製薬 " + code,
                        Identifier.portalOrganisation(code)));
            }
        });
        TestActors.signInAt("sponsor-" + code, "依頼者 " + code, Role.SPONSOR, code);
        try {
            work.run();
        } finally {
            TestActors.signOut();
        }
    }
}
