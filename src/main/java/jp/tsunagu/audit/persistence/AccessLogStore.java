package jp.tsunagu.audit.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.audit.AccessEntry;
import jp.tsunagu.audit.ChainContent;
import jp.tsunagu.audit.ChainKeys;
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
    public static final String GENESIS = "genesis";

    private final JdbcClient jdbc;
    private final ChainKeys keys;

    AccessLogStore(JdbcClient jdbc, ChainKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /** Appends a row chained to the newest one, its MAC under the current key. */
    public AccessEntry append(AccessEntry draft) {
        jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", CHAIN_LOCK).query(Object.class).list();
        String previous = lastHash();
        long seq = jdbc.sql("select nextval('audit_access_log_seq')").query(Long.class).single();
        AccessEntry entry = new AccessEntry(seq, draft.at().truncatedTo(ChronoUnit.MICROS), draft.actor(),
                draft.actorName(), draft.actorRole(), draft.organisation(), draft.patient(), draft.categories(),
                draft.purpose(), draft.action(), draft.outcome(), draft.reason());
        String keyId = keys.currentId();
        jdbc.sql("""
                        insert into audit_access_log (seq, at, actor, actor_name, actor_role, organisation, patient_id,
                            categories, purpose, action, outcome, reason, prev_hash, hash, key_id)
                        values (:seq, :at, :actor, :name, :role, :org, :patient, :categories, :purpose, :action,
                            :outcome, :reason, :prev, :hash, :key)
                        """)
                .param("seq", seq).param("at", Timestamp.from(entry.at())).param("actor", entry.actor())
                .param("name", entry.actorName()).param("role", entry.actorRole())
                .param("org", entry.organisation().orElse(null)).param("patient", entry.patient().orElse(null))
                .param("categories", entry.categories().toArray(String[]::new))
                .param("purpose", entry.purpose().orElse(null)).param("action", entry.action().name())
                .param("outcome", entry.outcome().name()).param("reason", entry.reason())
                .param("prev", previous).param("hash", keys.mac(keyId, ChainContent.row(entry, previous)))
                .param("key", keyId)
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

    /**
     * The patients one actor read since a moment, each once with the last time, newest first. The period keeps
     * the scan to the recent part of the log (its index on {@code at}).
     */
    public List<jp.tsunagu.audit.RecentRead> recentReadsBy(String actor, Instant since, int limit) {
        return jdbc.sql("""
                        select patient_id, max(at) as last from audit_access_log
                        where at >= :since and actor = :actor and action = 'READ' and patient_id is not null
                        group by patient_id order by max(seq) desc limit :limit
                        """)
                .param("since", Timestamp.from(since)).param("actor", actor).param("limit", limit)
                .query((rs, row) -> new jp.tsunagu.audit.RecentRead(rs.getObject("patient_id", UUID.class),
                        rs.getTimestamp("last").toInstant())).list();
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

    /** A stored row with its link, MAC and key, as the chain check reads it. */
    public record StoredRow(AccessEntry entry, String previousHash, String hash, String keyId) {
    }

    /** The anchor a purge left: where the chain starts after it. */
    public record StoredAnchor(long afterSeq, String hash, Instant purgedAt, String keyId, String mac) {
    }

    /** The newest row's number and MAC: the chain's head. */
    public record Head(long seq, String hash) {
    }

    /** Every row in chain order, streamed (the log can be long). */
    public void walk(Consumer<StoredRow> visitor) {
        jdbc.sql("select * from audit_access_log order by seq").withFetchSize(1000).query(rs -> {
            visitor.accept(new StoredRow(entry(rs), rs.getString("prev_hash"), rs.getString("hash"),
                    Objects.requireNonNullElse(rs.getString("key_id"), "")));
        });
    }

    public Optional<StoredAnchor> anchor() {
        return jdbc.sql("select * from audit_chain_anchor where id = 1").query((rs, row) -> new StoredAnchor(
                rs.getLong("after_seq"), rs.getString("hash"), rs.getTimestamp("purged_at").toInstant(),
                Objects.requireNonNullElse(rs.getString("key_id"), ""),
                Objects.requireNonNullElse(rs.getString("mac"), ""))).optional();
    }

    public Optional<Head> head() {
        return jdbc.sql("select seq, hash from audit_access_log order by seq desc limit 1")
                .query((rs, row) -> new Head(rs.getLong("seq"), rs.getString("hash"))).optional();
    }

    /**
     * Removes every row older than {@code before} through the owner's function, which checks the
     * retention rule itself and records the purge; the anchor it leaves carries a MAC made here (the
     * key is not in the database). Returns how many rows went.
     */
    public int purgeBefore(Instant before, Period keep, Instant now) {
        jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", CHAIN_LOCK).query(Object.class).list();
        Optional<Long> last = jdbc.sql("select max(seq) from audit_access_log where at < :before")
                .param("before", Timestamp.from(before)).query(Long.class).optional();
        if (last.isEmpty()) {
            return 0;
        }
        String hash = jdbc.sql("select hash from audit_access_log where seq = :seq").param("seq", last.get())
                .query(String.class).single();
        Instant purgedAt = now.truncatedTo(ChronoUnit.MICROS);
        String keyId = keys.currentId();
        return jdbc.sql("select audit_purge_through(:seq, cast(:keep as interval), :key, :mac, :at)")
                .param("seq", last.get()).param("keep", keep.toString()).param("key", keyId)
                .param("mac", keys.mac(keyId, ChainContent.anchor(last.get(), hash, purgedAt)))
                .param("at", Timestamp.from(purgedAt)).query(Long.class).single().intValue();
    }

    static AccessEntry entry(ResultSet rs) throws SQLException {
        return new AccessEntry(rs.getLong("seq"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                rs.getString("actor_name"), rs.getString("actor_role"), Optional.ofNullable(rs.getString("organisation")),
                Optional.ofNullable(rs.getObject("patient_id", UUID.class)),
                Arrays.asList((String[]) rs.getArray("categories").getArray()),
                Optional.ofNullable(rs.getString("purpose")), AccessEntry.Action.valueOf(rs.getString("action")),
                AccessEntry.Outcome.valueOf(rs.getString("outcome")), rs.getString("reason"));
    }

}
