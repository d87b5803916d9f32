package jp.tsunagu.research.release.persistence;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.directory.DirectoryFacts;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.research.LoggedQuery;
import org.jspecify.annotations.Nullable;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only query log: what each sponsor asked, what was released, and the sets behind it. */
@Repository
public class QueryLogStore {

    private final JdbcClient jdbc;
    private final DirectoryFacts directory;

    QueryLogStore(JdbcClient jdbc, DirectoryFacts directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    public record Entry(UUID id, OrganisationId sponsor, String actor, String actorName, Instant at, String kind,
            String purpose, Optional<UUID> study, String definition, String outcome, String released,
            Optional<RoaringBitmap> counted) {
    }

    /** An aggregate use that counted a patient, for their access log. */
    public record Counted(Instant at, String purpose, String sponsorName, Optional<String> studyTitle) {
    }

    public void insert(Entry e) {
        jdbc.sql("""
                        insert into research_query (id, sponsor_id, actor, actor_name, at, kind, purpose, study_id,
                            definition, outcome, released, counted)
                        values (:id, :sponsor, :actor, :name, :at, :kind, :purpose, :study, :definition, :outcome,
                            :released, :counted)""")
                .param("id", e.id()).param("sponsor", e.sponsor().value()).param("actor", e.actor())
                .param("name", e.actorName()).param("at", Timestamp.from(e.at())).param("kind", e.kind())
                .param("purpose", e.purpose()).param("study", e.study().orElse(null))
                .param("definition", e.definition()).param("outcome", e.outcome()).param("released", e.released())
                .param("counted", e.counted().map(QueryLogStore::bytes).orElse(null))
                .update();
    }

    /** Queries the sponsor asked since {@code from} that count against the budget (all but budget refusals). */
    public int countedAgainstBudget(OrganisationId sponsor, Instant from) {
        return jdbc.sql("""
                        select count(*) from research_query
                        where sponsor_id = :s and at >= :from and outcome <> 'REFUSED_BUDGET'""")
                .param("s", sponsor.value()).param("from", Timestamp.from(from)).query(Integer.class).single();
    }

    public record Round(Instant at, String released) {
    }

    /** The released invitation rounds of a study, oldest first. */
    public List<Round> invitationRounds(UUID study) {
        return jdbc.sql("""
                        select at, released from research_query
                        where study_id = :s and kind = 'INVITATION' and outcome = 'RELEASED' order by at""")
                .param("s", study).query((rs, row) -> new Round(rs.getTimestamp(1).toInstant(), rs.getString(2)))
                .list();
    }

    public record Activity(long queriesAnswered, long invitationsSent, long invitationsAccepted) {
    }

    /** Queries answered (released counts and breakdowns), invitations sent and accepted, all time. */
    public Activity activity() {
        return jdbc.sql("""
                        select (select count(*) from research_query where outcome = 'RELEASED'
                                    and kind in ('COUNT', 'BREAKDOWN')),
                               (select count(*) from research_invitation),
                               (select count(*) from research_invitation where status = 'ACCEPTED')""")
                .query((rs, row) -> new Activity(rs.getLong(1), rs.getLong(2),
                        rs.getLong(3))).single();
    }

    public record Analysis(String sponsorName, Instant at, String definition, String released) {
    }

    /** Every released post-market analysis, newest first. */
    public List<Analysis> safetyAnalyses() {
        record Row(OrganisationId sponsor, Instant at, String definition, String released) {
        }
        List<Row> rows = jdbc.sql("""
                        select q.sponsor_id, q.at, q.definition, q.released from research_query q
                        where q.kind = 'POST_MARKET' and q.outcome = 'RELEASED' order by q.at desc""")
                .query((rs, row) -> new Row(new OrganisationId(rs.getObject(1, UUID.class)),
                        rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4))).list();
        Map<OrganisationId, String> names = names(rows.stream().map(Row::sponsor).toList());
        return rows.stream().map(r -> new Analysis(names.getOrDefault(r.sponsor(), ""), r.at(), r.definition(),
                r.released())).toList();
    }

    /** Sponsors' names come from the directory's API: research's SQL names only research's tables. */
    private Map<OrganisationId, String> names(java.util.Collection<OrganisationId> sponsors) {
        return directory.organisationNames(new java.util.HashSet<>(sponsors));
    }

    /** Waits for the sponsor's other query, if one is running; released when the transaction ends. */
    public void lockSponsor(OrganisationId sponsor) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:s, 7))").param("s", sponsor.value().toString())
                .query((RowCallbackHandler) rs -> { });
    }

    /** The newest queries, of one sponsor or (empty) of all. */
    public List<LoggedQuery> recent(Optional<OrganisationId> sponsor, int limit) {
        record Row(UUID id, OrganisationId sponsor, String actorName, Instant at, String kind, String purpose,
                Optional<String> study, String definition, String outcome, String released) {
        }
        List<Row> rows = jdbc.sql("""
                        select q.id, q.sponsor_id, q.actor_name, q.at, q.kind, q.purpose, s.title, q.definition,
                            q.outcome, q.released
                        from research_query q
                        left join research_study s on s.id = q.study_id
                        where (cast(:s as uuid) is null or q.sponsor_id = :s)
                        order by q.at desc limit :limit""")
                .param("s", sponsor.map(OrganisationId::value).orElse(null)).param("limit", limit)
                .query((rs, row) -> new Row(rs.getObject(1, UUID.class), new OrganisationId(rs.getObject(2, UUID.class)),
                        rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6),
                        Optional.ofNullable(rs.getString(7)), rs.getString(8), rs.getString(9), rs.getString(10)))
                .list();
        Map<OrganisationId, String> names = names(rows.stream().map(Row::sponsor).toList());
        return rows.stream().map(r -> new LoggedQuery(r.id(), names.getOrDefault(r.sponsor(), ""), r.actorName(),
                r.at(), r.kind(), r.purpose(), r.study(), r.definition(), r.outcome(), r.released())).toList();
    }

    /**
     * The released queries whose counted set holds this patient number, since {@code from}: each set is
     * read in place (no copy), so a patient's check costs one pass over the log's bitmaps.
     */
    public List<Counted> countedIn(int number, Instant from) {
        record Row(Instant at, String purpose, OrganisationId sponsor, Optional<String> studyTitle) {
        }
        List<Row> found = new ArrayList<>();
        jdbc.sql("""
                        select q.at, q.purpose, q.sponsor_id, s.title, q.counted from research_query q
                        left join research_study s on s.id = q.study_id
                        where q.outcome = 'RELEASED' and q.at >= :from
                        order by q.at desc""")
                .param("from", Timestamp.from(from)).withFetchSize(500)
                .query((RowCallbackHandler) rs -> {
                    byte[] counted = rs.getBytes(5);
                    if (counted != null && new ImmutableRoaringBitmap(ByteBuffer.wrap(counted)).contains(number)) {
                        found.add(new Row(rs.getTimestamp(1).toInstant(), rs.getString(2),
                                new OrganisationId(rs.getObject(3, UUID.class)), Optional.ofNullable(rs.getString(4))));
                    }
                });
        Map<OrganisationId, String> names = names(found.stream().map(Row::sponsor).toList());
        return found.stream().map(r -> new Counted(r.at(), r.purpose(), names.getOrDefault(r.sponsor(), ""),
                r.studyTitle())).toList();
    }

    static byte[] bytes(@Nullable RoaringBitmap bitmap) {
        RoaringBitmap b = bitmap == null ? new RoaringBitmap() : bitmap;
        b.runOptimize();
        var out = new ByteArrayOutputStream(b.serializedSizeInBytes());
        try (var data = new DataOutputStream(out)) {
            b.serialize(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
