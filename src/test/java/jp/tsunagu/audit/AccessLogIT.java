package jp.tsunagu.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.audit.AccessEntry.Action;
import jp.tsunagu.audit.AccessEntry.Outcome;
import jp.tsunagu.identity.SystemActor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/** The access log is append-only, and a changed or removed row breaks the chain exactly there. */
@SpringBootTest
@ActiveProfiles("test")
class AccessLogIT {

    @Autowired
    AccessLog log;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    jp.tsunagu.audit.persistence.AccessLogStore store;

    @Test
    void tamperingWithOneRow_breaksTheChainAtThatRow_andRestoringItMendsIt() {
        List<Long> seqs = SystemActor.call("test", () -> transactions.execute(status -> java.util.stream.IntStream
                .range(0, 6).mapToObj(i -> log.record(new NewAccess(Optional.of(UUID.randomUUID()), List.of("LAB"),
                        Optional.of("TREATMENT"), Action.READ, Outcome.PERMITTED, "row " + i)).seq()).toList()));
        assertThat(verify().intact()).isTrue();
        long victim = seqs.get(3);

        // A row changed behind the trigger's back (an administrator with the owner's rights):
        Map<String, Object> original = jdbc.sql("select * from audit_access_log where seq = :s").param("s", victim)
                .query().singleRow();
        withoutGuard("update audit_access_log set reason = 'nothing to see' where seq = " + victim);
        ChainCheck changed = verify();
        assertThat(changed.firstBroken()).contains(victim);
        assertThat(changed.problem()).contains("CHANGED");
        withoutGuard("update audit_access_log set reason = '" + original.get("reason") + "' where seq = " + victim);
        assertThat(verify().intact()).isTrue();

        // A row removed: the next row's link names a row that is not there any more.
        jdbc.sql("create table audit_tamper_copy as select * from audit_access_log where seq = " + victim).update();
        withoutGuard("delete from audit_access_log where seq = " + victim);
        ChainCheck removed = verify();
        assertThat(removed.firstBroken()).contains(seqs.get(4));
        assertThat(removed.problem()).contains("UNLINKED");
        jdbc.sql("insert into audit_access_log select * from audit_tamper_copy").update();
        jdbc.sql("drop table audit_tamper_copy").update();
        assertThat(verify().intact()).as("put back exactly as it was").isTrue();
    }

    @Test
    void theLogRefusesChangesAndDeletes_andWritesOnlyInsideTheCallersTransaction() {
        long seq = SystemActor.call("test", () -> transactions.execute(status -> log.record(new NewAccess(
                Optional.empty(), List.of(), Optional.empty(), Action.EXPORT, Outcome.PERMITTED, "export")).seq()));
        assertThatThrownBy(() -> jdbc.sql("update audit_access_log set reason = 'x' where seq = :s").param("s", seq)
                .update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_access_log where seq = :s").param("s", seq).update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> SystemActor.call("test", () -> log.record(new NewAccess(Optional.empty(), List.of(),
                Optional.empty(), Action.EXPORT, Outcome.PERMITTED, "no transaction"))))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void aRolledBackRead_leavesNoLogRow_andTheChainIntact() {
        long before = jdbc.sql("select count(*) from audit_access_log").query(Long.class).single();
        assertThatThrownBy(() -> SystemActor.run("test", () -> transactions.executeWithoutResult(status -> {
            log.record(new NewAccess(Optional.empty(), List.of("LAB"), Optional.empty(), Action.READ,
                    Outcome.PERMITTED, "will fail"));
            throw new IllegalStateException("the read failed after logging");
        }))).isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.sql("select count(*) from audit_access_log").query(Long.class).single()).isEqualTo(before);
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void retention_removesRowsOlderThanSixYears_andTheChainStillVerifiesFromItsAnchor() {
        java.time.Instant sevenYearsAgo = java.time.Instant.now().minus(java.time.Duration.ofDays(7 * 366));
        List<Long> old = transactions.execute(status -> java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> store.append(new AccessEntry(0, sevenYearsAgo.plusSeconds(i), "old", "old", "SYSTEM",
                        Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Action.READ,
                        Outcome.PERMITTED, "old " + i)).seq()).toList());
        long recent = SystemActor.call("test", () -> transactions.execute(status -> log.record(new NewAccess(
                Optional.empty(), List.of(), Optional.empty(), Action.EXPORT, Outcome.PERMITTED, "recent")).seq()));

        int removed = SystemActor.call("test", log::purgeExpired);

        assertThat(removed).isGreaterThanOrEqualTo(3);
        assertThat(jdbc.sql("select count(*) from audit_access_log where seq in (:s)").param("s", old)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_access_log where seq = :s").param("s", recent)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(verify().intact()).as("verified from the anchor the purge left").isTrue();
    }

    @Test
    void stewardsSearch_byPatientActorOrganisationAndPeriod() {
        UUID patient = UUID.randomUUID();
        SystemActor.run("search-test", () -> transactions.executeWithoutResult(status -> {
            log.record(new NewAccess(Optional.of(patient), List.of("LAB"), Optional.of("TREATMENT"), Action.READ,
                    Outcome.PERMITTED, "first"));
            log.record(new NewAccess(Optional.of(patient), List.of("LAB"), Optional.of("TREATMENT"), Action.READ,
                    Outcome.DENIED, "second"));
            log.record(new NewAccess(Optional.of(UUID.randomUUID()), List.of(), Optional.empty(), Action.EXPORT,
                    Outcome.PERMITTED, "someone else"));
        }));
        var all = SystemActor.call("test", () -> log.search(new LogQuery(Optional.of(patient), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty())));
        assertThat(all).extracting(AccessEntry::reason).containsExactly("second", "first");
        assertThat(SystemActor.call("test", () -> log.search(new LogQuery(Optional.of(patient),
                Optional.of("system:search-test"), Optional.empty(), Optional.of(java.time.Instant.now().plusSeconds(60)),
                Optional.empty())))).as("nothing after now").isEmpty();
        assertThat(SystemActor.call("test", () -> log.search(new LogQuery(Optional.empty(), Optional.of("search-te"),
                Optional.empty(), Optional.empty(), Optional.empty())))).as("part of the name").hasSize(3);
    }

    private ChainCheck verify() {
        return SystemActor.call("test", log::verify);
    }

    private void withoutGuard(String sql) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("alter table audit_access_log disable trigger audit_access_log_append_only").update();
            jdbc.sql(sql).update();
            jdbc.sql("alter table audit_access_log enable trigger audit_access_log_append_only").update();
        });
    }
}
