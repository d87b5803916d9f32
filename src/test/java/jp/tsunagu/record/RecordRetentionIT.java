package jp.tsunagu.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jp.tsunagu.consent.Scene;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.identity.Role;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.identity.TestActors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Retention against a real PostgreSQL: items past their date leave the record through the owner's
 * function, except those of a patient who chose to keep hers; items still in date stay; each purge is
 * logged, and the portal's own role can neither write that log nor purge with a date of its choosing.
 */
@SpringBootTest
@ActiveProfiles("test")
class RecordRetentionIT {

    @Autowired
    Directory directory;
    @Autowired
    RecordService records;
    @Autowired
    RecordRetention retention;
    @Autowired
    MyRecord myRecord;
    @Autowired
    JdbcClient jdbc;

    @Test
    void expiredItemsLeave_exceptThoseOfAPatientWhoKeepsHers_andEveryPurgeIsLogged() {
        Scene leaves = Scene.set(directory, records);
        Scene keeps = Scene.set(directory, records);
        Scene inDate = Scene.set(directory, records);
        long before = items(inDate);
        // Five years later for the first two patients' items.
        jdbc.sql("update record_item set retain_until = current_date - 1 where patient_id in (:a, :b)")
                .param("a", leaves.patient().value()).param("b", keeps.patient().value()).update();
        Scene.as(() -> TestActors.signIn("p-" + keeps.run(), "残す 人", Role.PATIENT), () -> {
            myRecord.keepBeyondRetention(true);
            return null;
        });
        assertThat(Scene.as(() -> TestActors.signIn("p-" + keeps.run(), "残す 人", Role.PATIENT),
                myRecord::keepsBeyondRetention)).isTrue();
        long kept = items(keeps);
        // The bundles as received (they repeat the items): one for each of the two patients.
        java.util.UUID bundleOfLeaves = bundle(leaves);
        java.util.UUID bundleOfKeeps = bundle(keeps);
        long purgesBefore = jdbc.sql("select count(*) from record_purge").query(Long.class).single();

        int removed = SystemActor.call("test", retention::purgeExpiredBatch);

        assertThat(items(leaves)).isZero();
        assertThat(jdbc.sql("select count(*) from record_import where id = :i").param("i", bundleOfLeaves)
                .query(Long.class).single()).as("the bundle goes with its last item").isZero();
        assertThat(jdbc.sql("select count(*) from record_import where id = :i").param("i", bundleOfKeeps)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(removed).isGreaterThanOrEqualTo(5);
        assertThat(items(keeps)).as("the patient chose to keep hers").isEqualTo(kept).isPositive();
        assertThat(items(inDate)).isEqualTo(before).isPositive();
        assertThat(jdbc.sql("select count(*) from record_purge").query(Long.class).single()).isEqualTo(purgesBefore + 1);
        assertThat(jdbc.sql("select items from record_purge order by id desc limit 1").query(Integer.class).single())
                .isEqualTo(removed);
        assertThat(jdbc.sql("select kept from record_purge order by id desc limit 1").query(Integer.class).single())
                .isGreaterThanOrEqualTo((int) kept);

        // Changing her mind: the next purge takes them.
        Scene.as(() -> TestActors.signIn("p-" + keeps.run(), "残す 人", Role.PATIENT), () -> {
            myRecord.keepBeyondRetention(false);
            return null;
        });
        SystemActor.call("test", retention::purgeExpiredBatch);
        assertThat(items(keeps)).isZero();
    }

    @Test
    void thePortalsRole_cannotWriteThePurgeLog_norPurgeWithoutTheSystemsAuthority() {
        assertThatThrownBy(() -> jdbc.sql("insert into record_purge (purged_at, expired_before, items, kept) "
                + "values (now(), current_date, 0, 0)").update()).rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("delete from record_purge").update()).rootCause()
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("select * from record_purge_expired(0)").query().listOfRows())
                .rootCause().hasMessageContaining("a batch between 1 and 100000");
        assertThatThrownBy(() -> Scene.as(() -> TestActors.signIn("dr-x", "医師", Role.CLINICIAN),
                retention::purgeExpiredBatch)).isInstanceOf(
                org.springframework.security.authorization.AuthorizationDeniedException.class);
    }

    private java.util.UUID bundle(Scene scene) {
        java.util.UUID id = java.util.UUID.randomUUID();
        jdbc.sql("""
                insert into record_import (id, patient_id, bundle_type, content_sha256, original, received_at,
                    received_by, resource_count) values (:id, :p, 'collection', :sha, '{}', now(), 'test', 5)""")
                .param("id", id).param("p", scene.patient().value()).param("sha", id.toString()).update();
        jdbc.sql("update record_item set import_id = :id where patient_id = :p").param("id", id)
                .param("p", scene.patient().value()).update();
        return id;
    }

    private long items(Scene scene) {
        return jdbc.sql("select count(*) from record_item where patient_id = :p").param("p", scene.patient().value())
                .query(Long.class).single();
    }
}
