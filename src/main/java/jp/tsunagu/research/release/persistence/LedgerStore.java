package jp.tsunagu.research.release.persistence;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;

import jp.tsunagu.research.release.LedgerEntry;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The release ledger's rows (append-only) and the adjustment key. */
@Repository
public class LedgerStore {

    private static final String KEY = "release-adjustment";

    private final JdbcClient jdbc;

    LedgerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises every release, of sponsors and of the public figures, until this transaction ends: a release
     * is checked against the ledger as it stands, so two at once would each miss the other.
     */
    public void lock() {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('research_release', 9))")
                .query((RowCallbackHandler) rs -> { });
    }

    /** Entries after {@code seq} made at or after {@code from}, in order. */
    public void entriesAfter(long seq, Instant from, Consumer<LedgerEntry> each) {
        jdbc.sql("""
                        select seq, at, audience, recipient, query_id, label, kind, shown, same_as, members
                        from research_release
                        where seq > :seq and at >= :from order by seq""")
                .param("seq", seq).param("from", Timestamp.from(from)).withFetchSize(1000)
                .query((RowCallbackHandler) rs -> each.accept(new LedgerEntry(rs.getLong(1),
                        rs.getTimestamp(2).toInstant(), LedgerEntry.Audience.valueOf(rs.getString(3)),
                        Optional.ofNullable(rs.getObject(4, UUID.class)), Optional.ofNullable(rs.getObject(5, UUID.class)),
                        rs.getString(6), LedgerEntry.Kind.valueOf(rs.getString(7)), optionalLong(rs, 8),
                        optionalLong(rs, 9), new ImmutableRoaringBitmap(ByteBuffer.wrap(rs.getBytes(10))))));
    }

    /**
     * Enters a figure. A public figure whose people were entered under the same label before is not entered
     * again (returns false).
     */
    public boolean insert(Instant at, LedgerEntry.Audience audience, Optional<UUID> recipient, Optional<UUID> query,
            String label, LedgerEntry.Kind kind, OptionalLong shown, OptionalLong sameAs, RoaringBitmap members) {
        byte[] bytes = QueryLogStore.bytes(members);
        return jdbc.sql("""
                        insert into research_release (at, audience, recipient, query_id, label, kind, shown, same_as,
                            digest, members)
                        values (:at, :audience, :recipient, :query, :label, :kind, :shown, :sameAs, :digest, :members)
                        on conflict (label, digest) where audience = 'PUBLIC' do nothing""")
                .param("at", Timestamp.from(at)).param("audience", audience.name())
                .param("recipient", recipient.orElse(null)).param("query", query.orElse(null))
                .param("label", label).param("kind", kind.name())
                .param("shown", shown.isPresent() ? shown.getAsLong() : null)
                .param("sameAs", sameAs.isPresent() ? sameAs.getAsLong() : null).param("digest", sha256(bytes))
                .param("members", bytes).update() == 1;
    }

    private static OptionalLong optionalLong(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** The definition of a logged query (for a refusal that names it). */
    public Optional<String> definition(UUID query) {
        return jdbc.sql("select definition from research_query where id = :q").param("q", query)
                .query(String.class).optional();
    }

    public record Size(long entries, long bytes) {
    }

    /** How many entries the ledger holds and their bitmaps' bytes (for the benchmark and the steward). */
    public Size size() {
        return jdbc.sql("select count(*), coalesce(sum(length(members)), 0) from research_release")
                .query((rs, row) -> new Size(rs.getLong(1), rs.getLong(2))).single();
    }

    /**
     * The adjustment key, made on first use (two nodes starting at once agree on the first one written), in a
     * transaction of its own: the first use may be inside a read-only one.
     */
    @org.springframework.transaction.annotation.Transactional(
            propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    public byte[] key() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.sql("insert into research_secret (name, value) values (:n, :v) on conflict (name) do nothing")
                .param("n", KEY).param("v", fresh).update();
        return jdbc.sql("select value from research_secret where name = :n").param("n", KEY)
                .query(byte[].class).single();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
