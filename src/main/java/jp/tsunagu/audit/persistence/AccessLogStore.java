package jp.tsunagu.audit.persistence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.audit.AccessEntry;
import jp.tsunagu.audit.ChainCheck;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The access log's rows and its chain. Appends take a transaction-scoped advisory lock, so rows are
 * chained in the order they are numbered even when many transactions log at once; the lock is held to
 * the end of the logging transaction, which is what makes "read and log commit together" hold.
 */
@Repository
public class AccessLogStore {

    /** Arbitrary but fixed: the advisory lock that serialises appends to the chain. */
    private static final long CHAIN_LOCK = 0x7473756e61677541L;
    static final String GENESIS = "genesis";

    private final JdbcClient jdbc;

    AccessLogStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public AccessEntry append(AccessEntry draft) {
        jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", CHAIN_LOCK).query(Object.class).list();
        String previous = lastHash();
        long seq = jdbc.sql("select nextval('audit_access_log_seq')").query(Long.class).single();
        AccessEntry entry = new AccessEntry(seq, draft.at().truncatedTo(ChronoUnit.MICROS), draft.actor(),
                draft.actorName(), draft.actorRole(), draft.organisation(), draft.patient(), draft.categories(),
                draft.purpose(), draft.action(), draft.outcome(), draft.reason());
        jdbc.sql("""
                        insert into audit_access_log (seq, at, actor, actor_name, actor_role, organisation, patient_id,
                            categories, purpose, action, outcome, reason, prev_hash, hash)
                        values (:seq, :at, :actor, :name, :role, :org, :patient, :categories, :purpose, :action,
                            :outcome, :reason, :prev, :hash)
                        """)
                .param("seq", seq).param("at", Timestamp.from(entry.at())).param("actor", entry.actor())
                .param("name", entry.actorName()).param("role", entry.actorRole())
                .param("org", entry.organisation().orElse(null)).param("patient", entry.patient().orElse(null))
                .param("categories", entry.categories().toArray(String[]::new))
                .param("purpose", entry.purpose().orElse(null)).param("action", entry.action().name())
                .param("outcome", entry.outcome().name()).param("reason", entry.reason())
                .param("prev", previous).param("hash", hash(entry, previous))
                .update();
        return entry;
    }

    private String lastHash() {
        return jdbc.sql("select hash from audit_access_log order by seq desc limit 1").query(String.class).optional()
                .or(() -> jdbc.sql("select hash from audit_chain_anchor where id = 1").query(String.class).optional())
                .orElse(GENESIS);
    }

    public List<AccessEntry> aboutPatient(UUID patient, int limit) {
        return jdbc.sql("select * from audit_access_log where patient_id = :p order by seq desc limit :limit")
                .param("p", patient).param("limit", limit).query((rs, row) -> entry(rs)).list();
    }

    /** Newest first, at most {@code limit} rows. */
    public List<AccessEntry> search(jp.tsunagu.audit.LogQuery query, int limit) {
        StringBuilder sql = new StringBuilder("select * from audit_access_log where true");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        query.patient().ifPresent(p -> {
            sql.append(" and patient_id = :patient");
            params.put("patient", p);
        });
        query.actor().filter(a -> !a.isBlank()).ifPresent(a -> {
            sql.append(" and (actor = :actor or actor_name like :actorLike)");
            params.put("actor", a.strip());
            params.put("actorLike", "%" + a.strip().replace("%", "\\%").replace("_", "\\_") + "%");
        });
        query.organisation().filter(o -> !o.isBlank()).ifPresent(o -> {
            sql.append(" and organisation = :organisation");
            params.put("organisation", o.strip());
        });
        query.from().ifPresent(f -> {
            sql.append(" and at >= :from");
            params.put("from", Timestamp.from(f));
        });
        query.until().ifPresent(u -> {
            sql.append(" and at < :until");
            params.put("until", Timestamp.from(u));
        });
        sql.append(" order by seq desc limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query((rs, row) -> entry(rs)).list();
    }

    /** Walks the whole chain in order, recomputing every hash; stops at the first break. */
    public ChainCheck verify() {
        var walk = new Object() {
            long rows;
            String expectedPrevious = jdbc.sql("select hash from audit_chain_anchor where id = 1")
                    .query(String.class).optional().orElse(GENESIS);
            Optional<Long> broken = Optional.empty();
            Optional<String> problem = Optional.empty();
        };
        jdbc.sql("select * from audit_access_log order by seq").query(rs -> {
            if (walk.broken.isPresent()) {
                return;
            }
            walk.rows++;
            AccessEntry entry = entry(rs);
            String previous = rs.getString("prev_hash");
            String stored = rs.getString("hash");
            if (!previous.equals(walk.expectedPrevious)) {
                walk.broken = Optional.of(entry.seq());
                walk.problem = Optional.of("UNLINKED");
            } else if (!stored.equals(hash(entry, previous))) {
                walk.broken = Optional.of(entry.seq());
                walk.problem = Optional.of("CHANGED");
            }
            walk.expectedPrevious = stored;
        });
        return new ChainCheck(walk.rows, walk.broken, walk.problem);
    }

    /**
     * Deletes rows older than {@code before} and records the last deleted row's hash as the chain's new
     * start, in one transaction; returns how many rows went.
     */
    public int purgeBefore(Instant before) {
        jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", CHAIN_LOCK).query(Object.class).list();
        Optional<Long> last = jdbc.sql("select max(seq) from audit_access_log where at < :before")
                .param("before", Timestamp.from(before)).query(Long.class).optional();
        if (last.isEmpty()) {
            return 0;
        }
        String hash = jdbc.sql("select hash from audit_access_log where seq = :seq").param("seq", last.get())
                .query(String.class).single();
        jdbc.sql("select set_config('tsunagu.audit_purge', 'on', true)").query(Object.class).list();
        int deleted = jdbc.sql("delete from audit_access_log where seq <= :seq").param("seq", last.get()).update();
        jdbc.sql("select set_config('tsunagu.audit_purge', 'off', true)").query(Object.class).list();
        jdbc.sql("""
                        insert into audit_chain_anchor (id, after_seq, hash, purged_at) values (1, :seq, :hash, now())
                        on conflict (id) do update set after_seq = excluded.after_seq, hash = excluded.hash,
                            purged_at = excluded.purged_at
                        """)
                .param("seq", last.get()).param("hash", hash).update();
        return deleted;
    }

    private static AccessEntry entry(ResultSet rs) throws SQLException {
        return new AccessEntry(rs.getLong("seq"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                rs.getString("actor_name"), rs.getString("actor_role"), Optional.ofNullable(rs.getString("organisation")),
                Optional.ofNullable(rs.getObject("patient_id", UUID.class)),
                Arrays.asList((String[]) rs.getArray("categories").getArray()),
                Optional.ofNullable(rs.getString("purpose")), AccessEntry.Action.valueOf(rs.getString("action")),
                AccessEntry.Outcome.valueOf(rs.getString("outcome")), rs.getString("reason"));
    }

    /** The row's content in a fixed order, with the previous hash: the chain's link. */
    static String hash(AccessEntry e, String previous) {
        String content = String.join("\u001f", Long.toString(e.seq()), e.at().toString(), e.actor(), e.actorName(),
                e.actorRole(), e.organisation().orElse(""), e.patient().map(UUID::toString).orElse(""),
                String.join(",", e.categories()), e.purpose().orElse(""), e.action().name(), e.outcome().name(),
                e.reason(), previous);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e1);
        }
    }
}
