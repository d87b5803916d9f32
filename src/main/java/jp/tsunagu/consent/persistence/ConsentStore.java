package jp.tsunagu.consent.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import jp.tsunagu.consent.Directive;
import jp.tsunagu.consent.DirectiveId;
import jp.tsunagu.consent.Grantee;
import jp.tsunagu.consent.InboxMessage;
import jp.tsunagu.consent.Purpose;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.record.SensitiveLabel;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ledger's rows (insert only), the inbox and the notification preference. */
@Repository
public class ConsentStore {

    private final JdbcClient jdbc;

    ConsentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Directive d) {
        jdbc.sql("""
                        insert into consent_directive (id, directive_id, version, patient_id, purpose, effect, grantee_kind,
                            grantee_org, categories, excluded_labels, valid_from, valid_until, status, recorded_at,
                            recorded_by)
                        values (:id, :directive, :version, :patient, :purpose, :effect, :kind, :org, :categories, :labels,
                            :from, :until, :status, :recorded, :by)
                        """)
                .param("id", UUID.randomUUID()).param("directive", d.id().value()).param("version", d.version())
                .param("patient", d.patient().value()).param("purpose", d.purpose().name())
                .param("effect", d.effect().name()).param("kind", kind(d.grantee()))
                .param("org", d.grantee() instanceof Grantee.Organisation o ? o.id().value() : null)
                .param("categories", d.categories().stream().map(Enum::name).sorted().toArray(String[]::new))
                .param("labels", d.excludedLabels().stream().map(Enum::name).sorted().toArray(String[]::new))
                .param("from", Timestamp.from(d.validFrom()))
                .param("until", d.validUntil().map(Timestamp::from).orElse(null))
                .param("status", d.status().name()).param("recorded", Timestamp.from(d.recordedAt()))
                .param("by", d.recordedBy())
                .update();
    }

    /** The latest version of each of the patient's directives: the ledger's present. */
    public List<Directive> current(PatientId patient) {
        return jdbc.sql("""
                        select distinct on (directive_id) * from consent_directive where patient_id = :p
                        order by directive_id, version desc""")
                .param("p", patient.value()).query((rs, row) -> directive(rs)).list();
    }

    /** Every version of every directive, newest change first. */
    public List<Directive> history(PatientId patient) {
        return jdbc.sql("select * from consent_directive where patient_id = :p order by recorded_at desc, version desc")
                .param("p", patient.value()).query((rs, row) -> directive(rs)).list();
    }

    public Optional<Directive> latest(PatientId patient, DirectiveId id) {
        return jdbc.sql("""
                        select * from consent_directive where patient_id = :p and directive_id = :d
                        order by version desc limit 1""")
                .param("p", patient.value()).param("d", id.value()).query((rs, row) -> directive(rs)).optional();
    }

    /** The latest version of every directive for the purpose, patient by patient (streamed, not listed). */
    public void currentForPurpose(Purpose purpose, Consumer<Directive> each) {
        jdbc.sql("""
                        select distinct on (directive_id) * from consent_directive where purpose = :purpose
                        order by directive_id, version desc""")
                .param("purpose", purpose.name())
                .query((RowCallbackHandler) rs -> each.accept(directive(rs)));
    }

    /** Patients whose directives (latest versions, active) start or end in (from, to]. */
    public List<PatientId> boundariesBetween(Instant from, Instant to) {
        return jdbc.sql("""
                        select distinct patient_id from (
                            select distinct on (directive_id) * from consent_directive
                            where (valid_from > :from and valid_from <= :to) or (valid_until > :from and valid_until <= :to)
                            order by directive_id, version desc) latest""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, row) -> new PatientId(rs.getObject(1, UUID.class))).list();
    }

    public void addToInbox(PatientId patient, Instant at, InboxMessage.Kind kind, List<String> arguments) {
        jdbc.sql("insert into consent_inbox (id, patient_id, at, kind, arguments) values (:id, :p, :at, :kind, :args)")
                .param("id", UUID.randomUUID()).param("p", patient.value()).param("at", Timestamp.from(at))
                .param("kind", kind.name()).param("args", arguments.toArray(String[]::new)).update();
    }

    public List<InboxMessage> inbox(PatientId patient, int limit) {
        return jdbc.sql("select * from consent_inbox where patient_id = :p order by at desc limit :limit")
                .param("p", patient.value()).param("limit", limit)
                .query((rs, row) -> new InboxMessage(rs.getObject("id", UUID.class), rs.getTimestamp("at").toInstant(),
                        InboxMessage.Kind.valueOf(rs.getString("kind")),
                        Arrays.asList((String[]) rs.getArray("arguments").getArray()), rs.getBoolean("read")))
                .list();
    }

    public long unreadCount(PatientId patient) {
        return jdbc.sql("select count(*) from consent_inbox where patient_id = :p and not read")
                .param("p", patient.value()).query(Long.class).single();
    }

    public void markInboxRead(PatientId patient) {
        jdbc.sql("update consent_inbox set read = true where patient_id = :p and not read")
                .param("p", patient.value()).update();
    }

    public boolean notifyEveryUse(PatientId patient) {
        return jdbc.sql("select notify_every_use from consent_preference where patient_id = :p")
                .param("p", patient.value()).query(Boolean.class).optional().orElse(false);
    }

    public void setNotifyEveryUse(PatientId patient, boolean notify) {
        jdbc.sql("""
                        insert into consent_preference (patient_id, notify_every_use) values (:p, :n)
                        on conflict (patient_id) do update set notify_every_use = excluded.notify_every_use""")
                .param("p", patient.value()).param("n", notify).update();
    }

    private static String kind(Grantee grantee) {
        return switch (grantee) {
            case Grantee.Organisation o -> "ORGANISATION";
            case Grantee.Treating t -> "TREATING";
            case Grantee.Audience a -> "AUDIENCE";
        };
    }

    private static Directive directive(ResultSet rs) throws SQLException {
        UUID org = rs.getObject("grantee_org", UUID.class);
        Grantee grantee = switch (rs.getString("grantee_kind")) {
            case "ORGANISATION" -> new Grantee.Organisation(new OrganisationId(org));
            case "TREATING" -> new Grantee.Treating();
            default -> new Grantee.Audience();
        };
        Timestamp until = rs.getTimestamp("valid_until");
        return new Directive(new DirectiveId(rs.getObject("directive_id", UUID.class)), rs.getInt("version"),
                new PatientId(rs.getObject("patient_id", UUID.class)), Purpose.valueOf(rs.getString("purpose")),
                Directive.Effect.valueOf(rs.getString("effect")), grantee,
                Arrays.stream((String[]) rs.getArray("categories").getArray()).map(RecordCategory::valueOf)
                        .collect(java.util.stream.Collectors.toSet()),
                Arrays.stream((String[]) rs.getArray("excluded_labels").getArray()).map(SensitiveLabel::valueOf)
                        .collect(java.util.stream.Collectors.toSet()),
                rs.getTimestamp("valid_from").toInstant(), Optional.ofNullable(until).map(Timestamp::toInstant),
                Directive.Status.valueOf(rs.getString("status")), rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("recorded_by"));
    }
}
