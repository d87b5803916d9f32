package jp.tsunagu.consent.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.consent.EmergencyAccess;
import jp.tsunagu.consent.EmergencyReason;
import jp.tsunagu.directory.PatientId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Break-the-glass events: inserted once, reviewed once (the database refuses anything else). */
@Repository
public class EmergencyStore {

    private final JdbcClient jdbc;

    EmergencyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(EmergencyAccess e) {
        jdbc.sql("""
                        insert into consent_emergency_access (id, patient_id, clinician, clinician_name, organisation_code,
                            reason, detail, opened_at, expires_at)
                        values (:id, :patient, :clinician, :name, :org, :reason, :detail, :opened, :expires)""")
                .param("id", e.id()).param("patient", e.patient().value()).param("clinician", e.clinician())
                .param("name", e.clinicianName()).param("org", e.organisationCode().orElse(null))
                .param("reason", e.reason().name()).param("detail", e.detail())
                .param("opened", Timestamp.from(e.openedAt())).param("expires", Timestamp.from(e.expiresAt()))
                .update();
    }

    /** The clinician's break-the-glass for this patient that is open at {@code at}, if any. */
    public Optional<EmergencyAccess> open(PatientId patient, String clinician, Instant at) {
        return jdbc.sql("""
                        select * from consent_emergency_access where patient_id = :p and clinician = :c
                        and opened_at <= :at and expires_at > :at order by expires_at desc limit 1""")
                .param("p", patient.value()).param("c", clinician).param("at", Timestamp.from(at))
                .query((rs, row) -> access(rs)).optional();
    }

    public List<EmergencyAccess> pending() {
        return jdbc.sql("select * from consent_emergency_access where review is null order by opened_at")
                .query((rs, row) -> access(rs)).list();
    }

    public boolean review(UUID id, boolean justified, String reviewer, String comment, Instant at) {
        return jdbc.sql("""
                        update consent_emergency_access set review = :review, reviewer = :reviewer,
                            review_comment = :comment, reviewed_at = :at
                        where id = :id and review is null""")
                .param("review", justified ? "JUSTIFIED" : "NOT_JUSTIFIED").param("reviewer", reviewer)
                .param("comment", comment).param("at", Timestamp.from(at)).param("id", id).update() == 1;
    }

    public Optional<EmergencyAccess> find(UUID id) {
        return jdbc.sql("select * from consent_emergency_access where id = :id").param("id", id)
                .query((rs, row) -> access(rs)).optional();
    }

    /** The patient's break-the-glass events, newest first. */
    public List<EmergencyAccess> ofPatient(PatientId patient) {
        return jdbc.sql("select * from consent_emergency_access where patient_id = :p order by opened_at desc")
                .param("p", patient.value()).query((rs, row) -> access(rs)).list();
    }

    /** Records her objection once; false when she had objected to this event already. */
    public boolean object(UUID emergency, PatientId patient, Instant at) {
        return jdbc.sql("""
                        insert into consent_emergency_objection (emergency_id, patient_id, objected_at)
                        select id, patient_id, :at from consent_emergency_access where id = :id and patient_id = :p
                        on conflict (emergency_id) do nothing""")
                .param("id", emergency).param("p", patient.value()).param("at", Timestamp.from(at)).update() == 1;
    }

    /** When the patient objected to each of these events, for those she objected to. */
    public java.util.Map<UUID, Instant> objections(java.util.Collection<UUID> emergencies) {
        if (emergencies.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<UUID, Instant> found = new java.util.HashMap<>();
        jdbc.sql("select emergency_id, objected_at from consent_emergency_objection where emergency_id = any(:ids)")
                .param("ids", emergencies.toArray(UUID[]::new))
                .query(rs -> {
                    found.put(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
                });
        return found;
    }

    /** Reviewed events the patient objected to after the verdict, newest objection first. */
    public List<EmergencyAccess> objectedAfterReview(int limit) {
        return jdbc.sql("""
                        select a.* from consent_emergency_access a
                        join consent_emergency_objection o on o.emergency_id = a.id
                        where a.reviewed_at is not null and o.objected_at > a.reviewed_at
                        order by o.objected_at desc limit :limit""")
                .param("limit", limit).query((rs, row) -> access(rs)).list();
    }

    private static EmergencyAccess access(ResultSet rs) throws SQLException {
        Optional<EmergencyAccess.Review> review = Optional.ofNullable(rs.getString("review"))
                .map(r -> {
                    try {
                        return new EmergencyAccess.Review(r.equals("JUSTIFIED"), rs.getString("reviewer"),
                                Optional.ofNullable(rs.getString("review_comment")).orElse(""),
                                rs.getTimestamp("reviewed_at").toInstant());
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
        return new EmergencyAccess(rs.getObject("id", UUID.class), new PatientId(rs.getObject("patient_id", UUID.class)),
                rs.getString("clinician"), rs.getString("clinician_name"),
                Optional.ofNullable(rs.getString("organisation_code")), EmergencyReason.valueOf(rs.getString("reason")),
                rs.getString("detail"), rs.getTimestamp("opened_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(), review);
    }
}
