package jp.tsunagu.consent;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.identity.Role;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.identity.TestActors;
import jp.tsunagu.record.DemoAccounts;
import jp.tsunagu.record.RecordCategory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo's starting scene of the browser journeys: the demo patients have loaded, and 佐藤 花子 shares
 * these categories with 東京中央病院 (dr.tanaka's hospital), granted by herself through the consent service.
 */
public final class DemoSharing {

    private DemoSharing() {
    }

    public static void satoSharesWithTokyo(JdbcClient jdbc, Directory directory, MyConsent consent,
            EnumSet<RecordCategory> categories) throws InterruptedException {
        DemoAccounts.await(jdbc);
        var tokyo = SystemActor.call("test", () -> directory.organisationOf(Identifier.medicalInstitution("1319990011")))
                .orElseThrow();
        TestActors.signIn("patient.sato", "佐藤 花子", Role.PATIENT);
        try {
            consent.grant(new Grantee.Organisation(tokyo.id()), categories, Set.of(), Optional.empty());
        } finally {
            TestActors.signOut();
        }
    }

    /** A demo account's portal patient id, the one a clinician searches by. */
    public static UUID portalId(JdbcClient jdbc, String account) {
        return jdbc.sql("select id from directory_patient where account_subject = :a").param("a", account)
                .query(UUID.class).single();
    }
}
