package jp.tsunagu.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import jp.tsunagu.audit.AccessEntry.Action;
import jp.tsunagu.audit.AccessEntry.Outcome;
import jp.tsunagu.audit.persistence.AccessLogStore;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.shared.CommandOutcome;
import jp.tsunagu.shared.database.EmbeddedPostgresServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The access log against its own database owner. The portal's role may only insert and read; the
 * owner, who can do anything, is played here by the embedded superuser: what it changes, removes or
 * forges is found by {@code verify-audit}, which names the place and exits 1.
 */
@SpringBootTest
@ActiveProfiles("test")
// Each test tampers with the one chain; a fresh database per test keeps them apart.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class AccessLogIT {

    @Autowired
    AccessLog log;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    AccessLogStore store;
    @Autowired
    EmbeddedPostgresServer server;
    @Autowired
    ChainCheckpoints checkpoints;

    /** The database owner's connection, with the rights the portal's role does not have. */
    JdbcClient owner;
    TransactionTemplate ownerTransactions;

    @BeforeEach
    void connectAsOwner() {
        var dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), server.ownerJdbcUrl(),
                server.ownerUsername(), "");
        owner = JdbcClient.create(dataSource);
        ownerTransactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Test
    void thePortalsRole_mayInsertAndRead_butNeverUpdateOrDelete_andOwnsNothing() {
        long seq = rows(1).getFirst();
        assertThatThrownBy(() -> jdbc.sql("update audit_access_log set reason = 'x' where seq = :s").param("s", seq)
                .update()).rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_access_log where seq = :s").param("s", seq).update())
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_access_log").update())
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("update audit_chain_anchor set hash = 'x'").update())
                .rootCause().hasMessageContaining("permission denied");
        // The old way round the trigger (any session could set this) opens nothing.
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            jdbc.sql("select set_config('tsunagu.audit_purging', 'yes', true)").query().singleValue();
            jdbc.sql("delete from audit_access_log where seq = :s").param("s", seq).update();
        })).rootCause().hasMessageContaining("permission denied");
        assertThat(jdbc.sql("""
                        select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = current_schema() and c.relowner = (select oid from pg_roles
                        where rolname = current_user)""").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select rolsuper from pg_roles where rolname = current_user").query(Boolean.class)
                .single()).isFalse();
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void theOwnersTriggerStillRefusesChanges_andRowsOnlyJoinAtTheEnd() {
        List<Long> seqs = rows(3);
        assertThatThrownBy(() -> owner.sql("update audit_access_log set reason = 'x' where seq = :s")
                .param("s", seqs.getFirst()).update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> owner.sql("delete from audit_access_log where seq = :s").param("s", seqs.getFirst())
                .update()).hasMessageContaining("append-only");
        // A row slipped in between (its number free, its link copied) is refused by the append check.
        assertThatThrownBy(() -> owner.sql("""
                        insert into audit_access_log (seq, at, actor, actor_name, actor_role, categories, action,
                            outcome, reason, prev_hash, hash, key_id)
                        select seq - 1, at, actor, actor_name, actor_role, categories, action, outcome, 'inserted',
                            prev_hash, hash, key_id from audit_access_log where seq = :s""")
                .param("s", seqs.getLast()).update()).hasMessageContaining("only grows at its end");
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void aRowRewrittenWithRecomputedPlainSha256Hashes_isFoundByVerifyAudit() {
        List<Long> seqs = rows(6);
        long victim = seqs.get(2);
        // Yesterday's chain was plain SHA-256 over the content and the previous hash: an owner could
        // rewrite a row and recompute every hash after it, and the check said "intact". Do exactly that.
        ownerTransactions.executeWithoutResult(status -> {
            owner.sql("alter table audit_access_log disable trigger user").update();
            owner.sql("update audit_access_log set reason = 'nothing to see' where seq = :s").param("s", victim).update();
            String previous = owner.sql("select prev_hash from audit_access_log where seq = :s").param("s", victim)
                    .query(String.class).single();
            for (long seq : seqs.subList(2, seqs.size())) {
                AccessEntry entry = store.aboutPatient(patientOf(seq), 1).getFirst();
                String hash = sha256(ChainContent.row(entry, previous));
                owner.sql("update audit_access_log set prev_hash = :p, hash = :h where seq = :s").param("p", previous)
                        .param("h", hash).param("s", seq).update();
                previous = hash;
            }
            owner.sql("alter table audit_access_log enable trigger user").update();
        });

        Command result = verifyAudit();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("BROKEN at row " + victim).contains("changed");
    }

    @Test
    void deletingTheNewestRows_afterACheckpoint_isFoundByVerifyAudit() {
        List<Long> seqs = rows(4);
        assertThat(SystemActor.call("test", log::checkpoint)).hasValueSatisfying(c ->
                assertThat(c.seq()).isEqualTo(seqs.getLast()));
        assertThat(verifyAudit().exitCode()).isZero();

        // Removed from the end, no link breaks: only the checkpoint outside the database knows.
        ownerTransactions.executeWithoutResult(status -> {
            owner.sql("alter table audit_access_log disable trigger user").update();
            owner.sql("delete from audit_access_log where seq >= :s").param("s", seqs.get(2)).update();
            owner.sql("alter table audit_access_log enable trigger user").update();
        });

        Command result = verifyAudit();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("BROKEN at row " + seqs.getLast()).contains("gone");
    }

    @Test
    void anEditedAnchor_andAForgedCheckpoint_areFoundByVerifyAudit() throws Exception {
        oldRows(3);
        rows(2);
        assertThat(SystemActor.call("test", log::purgeExpired)).isEqualTo(3);
        assertThat(verify().intact()).as("verified from the anchor the purge left").isTrue();
        assertThat(owner.sql("select rows_removed from audit_purge").query(Long.class).list()).containsExactly(3L);

        // The owner moves the chain's start to hide where it begins.
        long anchoredAt = owner.sql("select after_seq from audit_chain_anchor").query(Long.class).single();
        ownerTransactions.executeWithoutResult(status -> {
            owner.sql("alter table audit_chain_anchor disable trigger user").update();
            owner.sql("update audit_chain_anchor set purged_at = purged_at - interval '1 day'").update();
            owner.sql("alter table audit_chain_anchor enable trigger user").update();
        });
        Command anchor = verifyAudit();
        assertThat(anchor.exitCode()).isEqualTo(1);
        assertThat(anchor.output()).contains("BROKEN at row " + anchoredAt).contains("anchor");

        // A checkpoint line written by someone without the key.
        Files.createDirectories(checkpoints.file().toAbsolutePath().getParent());
        Files.writeString(checkpoints.file(), "99 " + "ab".repeat(32) + " 2026-01-01T00:00:00Z k1 " + "cd".repeat(32)
                + "\n", StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(verify().problem()).contains("CHECKPOINT_FORGED");
    }

    @Test
    void thePurgeFunction_appliesTheRetentionRuleItself() {
        List<Long> recent = rows(2);
        // The portal's role may call it, but not to remove rows younger than what is kept.
        assertThatThrownBy(() -> jdbc.sql("select audit_purge_through(:s, interval '1 year', 'k', 'm', now())")
                .param("s", recent.getLast()).query().singleValue()).hasMessageContaining("not all older");
        assertThatThrownBy(() -> jdbc.sql("select audit_purge_through(:s, interval '1 day', 'k', 'm', now())")
                .param("s", recent.getLast()).query().singleValue()).hasMessageContaining("at least one year");
        assertThat(jdbc.sql("select count(*) from audit_access_log").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void writesOnlyInsideTheCallersTransaction_andARolledBackReadLeavesNoRow() {
        assertThatThrownBy(() -> SystemActor.call("test", () -> log.record(new NewAccess(Optional.empty(), List.of(),
                Optional.empty(), Action.EXPORT, Outcome.PERMITTED, "no transaction"))))
                .isInstanceOf(IllegalTransactionStateException.class);
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
                Optional.of("system:search-test"), Optional.empty(), Optional.of(Instant.now().plusSeconds(60)),
                Optional.empty())))).as("nothing after now").isEmpty();
        assertThat(SystemActor.call("test", () -> log.search(new LogQuery(Optional.empty(), Optional.of("search-te"),
                Optional.empty(), Optional.empty(), Optional.empty())))).as("part of the name").hasSize(3);
    }

    /** Rows about distinct patients (so each can be read back alone), returning their numbers. */
    private List<Long> rows(int count) {
        return SystemActor.call("test", () -> transactions.execute(status -> IntStream.range(0, count)
                .mapToObj(i -> log.record(new NewAccess(Optional.of(UUID.randomUUID()), List.of("LAB"),
                        Optional.of("TREATMENT"), Action.READ, Outcome.PERMITTED, "row " + i)).seq()).toList()));
    }

    private void oldRows(int count) {
        Instant sevenYearsAgo = Instant.now().minus(Duration.ofDays(7 * 366));
        transactions.executeWithoutResult(status -> IntStream.range(0, count).forEach(i -> store.append(
                new AccessEntry(0, sevenYearsAgo.plusSeconds(i), "old", "old", "SYSTEM", Optional.empty(),
                        Optional.empty(), List.of(), Optional.empty(), Action.READ, Outcome.PERMITTED, "old " + i))));
    }

    private UUID patientOf(long seq) {
        return jdbc.sql("select patient_id from audit_access_log where seq = :s").param("s", seq).query(UUID.class)
                .single();
    }

    private ChainCheck verify() {
        return SystemActor.call("test", log::verify);
    }

    private record Command(int exitCode, String output) {
    }

    /** The {@code verify-audit} command as the operator runs it, its output captured. */
    private Command verifyAudit() {
        CommandOutcome outcome = new CommandOutcome();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            new AuditCommands(log, outcome).run(null);
        } finally {
            System.setOut(original);
        }
        return new Command(outcome.exitCode(), captured.toString(StandardCharsets.UTF_8));
    }

    private static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
