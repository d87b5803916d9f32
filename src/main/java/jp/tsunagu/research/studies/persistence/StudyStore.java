package jp.tsunagu.research.studies.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jp.tsunagu.directory.DirectoryFacts;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.research.studies.Contact;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Studies, saved cohort definitions and invitations. */
@Repository
public class StudyStore {

    private final JdbcClient jdbc;
    private final DirectoryFacts directory;

    StudyStore(JdbcClient jdbc, DirectoryFacts directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    public record StudyRow(UUID id, OrganisationId sponsor, String sponsorName, String title, String summary,
            String sites, String contact, String criteria, String status, String submittedBy, Instant submittedAt,
            Optional<String> reviewedBy, Optional<Instant> reviewedAt, Optional<String> reviewNote) {

        StudyRow named(Map<OrganisationId, String> names) {
            return new StudyRow(id, sponsor, names.getOrDefault(sponsor, ""), title, summary, sites, contact,
                    criteria, status, submittedBy, submittedAt, reviewedBy, reviewedAt, reviewNote);
        }
    }

    public record InvitationRow(UUID id, UUID study, PatientId patient, Instant sentAt, String status,
            Optional<Instant> answeredAt) {
    }

    public record SavedDefinition(UUID id, String name, String definition, Instant savedAt) {
    }

    public void insertStudy(StudyRow s) {
        jdbc.sql("""
                        insert into research_study (id, sponsor_id, title, summary, sites, contact, criteria, status,
                            submitted_by, submitted_at)
                        values (:id, :sponsor, :title, :summary, :sites, :contact, :criteria, :status, :by, :at)""")
                .param("id", s.id()).param("sponsor", s.sponsor().value()).param("title", s.title())
                .param("summary", s.summary()).param("sites", s.sites()).param("contact", s.contact())
                .param("criteria", s.criteria()).param("status", s.status()).param("by", s.submittedBy())
                .param("at", Timestamp.from(s.submittedAt())).update();
    }

    private static final String STUDY = "select s.* from research_study s";

    public Optional<StudyRow> study(UUID id) {
        return named(jdbc.sql(STUDY + " where s.id = :id").param("id", id).query((rs, row) -> study(rs)).list())
                .stream().findFirst();
    }

    /** Whether the study exists and is this sponsor's. */
    public boolean studyOf(UUID study, OrganisationId sponsor) {
        return jdbc.sql("select count(*) from research_study where id = :id and sponsor_id = :s")
                .param("id", study).param("s", sponsor.value()).query(Integer.class).single() == 1;
    }

    public List<StudyRow> studiesOf(OrganisationId sponsor) {
        return named(jdbc.sql(STUDY + " where s.sponsor_id = :s order by s.submitted_at desc")
                .param("s", sponsor.value()).query((rs, row) -> study(rs)).list());
    }

    public List<StudyRow> studiesIn(String status) {
        return named(jdbc.sql(STUDY + " where s.status = :status order by s.submitted_at")
                .param("status", status).query((rs, row) -> study(rs)).list());
    }

    /** Sponsors' names come from the directory's API: research's SQL names only research's tables. */
    private List<StudyRow> named(List<StudyRow> rows) {
        Map<OrganisationId, String> names = directory.organisationNames(
                rows.stream().map(StudyRow::sponsor).collect(Collectors.toSet()));
        return rows.stream().map(r -> r.named(names)).toList();
    }

    /** Reviews a submitted study once; false when it was reviewed already (or does not exist). */
    public boolean review(UUID id, String status, String reviewer, Instant at, String note) {
        return jdbc.sql("""
                        update research_study set status = :status, reviewed_by = :by, reviewed_at = :at, review_note = :note
                        where id = :id and status = 'SUBMITTED'""")
                .param("status", status).param("by", reviewer).param("at", Timestamp.from(at)).param("note", note)
                .param("id", id).update() == 1;
    }

    /** Invites those of the patients not invited to the study yet; returns who was newly invited. */
    /**
     * Holds the study's row until the transaction ends, so that two invitation rounds of one study run
     * one after the other (each counts those the other has not invited yet).
     */
    public void lock(UUID study) {
        jdbc.sql("select id from research_study where id = :s for update").param("s", study).query(UUID.class).list();
    }

    /** Of these patients, those the study has not invited yet. */
    public List<PatientId> notInvited(UUID study, List<PatientId> patients) {
        if (patients.isEmpty()) {
            return List.of();
        }
        var invited = new java.util.HashSet<>(jdbc.sql("""
                        select patient_id from research_invitation where study_id = :s and patient_id = any(:p)""")
                .param("s", study).param("p", patients.stream().map(PatientId::value).toArray(UUID[]::new))
                .query(UUID.class).list());
        return patients.stream().filter(p -> !invited.contains(p.value())).toList();
    }

    public List<InvitationRow> invite(UUID study, List<PatientId> patients, Instant at) {
        return patients.stream().flatMap(patient -> jdbc.sql("""
                        insert into research_invitation (id, study_id, patient_id, sent_at, status)
                        values (:id, :study, :patient, :at, 'SENT') on conflict (study_id, patient_id) do nothing
                        returning id""")
                .param("id", UUID.randomUUID()).param("study", study).param("patient", patient.value())
                .param("at", Timestamp.from(at)).query(UUID.class).optional()
                .map(id -> new InvitationRow(id, study, patient, at, "SENT", Optional.empty())).stream()).toList();
    }

    public List<Contact> contacts(UUID study) {
        return jdbc.sql("""
                        select contact_name, contact_phone, contact_email, answered_at from research_invitation
                        where study_id = :s and status = 'ACCEPTED' and withdrawn_at is null order by answered_at""")
                .param("s", study).query((rs, row) -> new Contact(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant())).list();
    }

    /**
     * When contact details of an accepting patient were last handed over to the sponsor (withdrawn ones
     * included: what was given stays given), for the public register.
     */
    public Optional<Instant> lastHandover(UUID study) {
        return jdbc.sql("""
                        select answered_at from research_invitation where study_id = :s and status = 'ACCEPTED'
                        order by answered_at desc limit 1""")
                .param("s", study).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /** Whose contact it is, with the contact: a file that hands contacts over is logged per patient. */
    public record AcceptedContact(UUID patient, Contact contact) {
    }

    /** The accepted, not withdrawn invitations of a study with their contacts, in the order they answered. */
    public List<AcceptedContact> acceptedContacts(UUID study) {
        return jdbc.sql("""
                        select patient_id, contact_name, contact_phone, contact_email, answered_at from research_invitation
                        where study_id = :s and status = 'ACCEPTED' and withdrawn_at is null order by answered_at, id""")
                .param("s", study).query((rs, row) -> new AcceptedContact(rs.getObject(1, UUID.class),
                        new Contact(rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant())))
                .list();
    }

    public List<UUID> acceptedPatients(UUID study) {
        return jdbc.sql("""
                        select patient_id from research_invitation where study_id = :s and status = 'ACCEPTED'
                        and withdrawn_at is null""")
                .param("s", study).query(UUID.class).list();
    }

    /** The patient's own invitations, newest first. */
    public List<InvitationRow> invitationsOf(PatientId patient) {
        return jdbc.sql("select * from research_invitation where patient_id = :p order by sent_at desc")
                .param("p", patient.value()).query((rs, row) -> invitation(rs)).list();
    }

    public Optional<InvitationRow> invitation(UUID id, PatientId patient) {
        return jdbc.sql("select * from research_invitation where id = :id and patient_id = :p")
                .param("id", id).param("p", patient.value()).query((rs, row) -> invitation(rs)).optional();
    }

    /** What an accepted invitation handed over (as stored at acceptance) and when she withdrew, if she did. */
    public record Handover(String name, String phone, String email, Instant at, Optional<Instant> withdrawnAt) {
    }

    public Optional<Handover> handover(UUID id, PatientId patient) {
        return jdbc.sql("""
                        select contact_name, contact_phone, contact_email, answered_at, withdrawn_at
                        from research_invitation where id = :id and patient_id = :p and status = 'ACCEPTED'""")
                .param("id", id).param("p", patient.value())
                .query((rs, row) -> new Handover(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), Optional.ofNullable(rs.getTimestamp(5)).map(Timestamp::toInstant)))
                .optional();
    }

    /** Withdraws an accepted invitation once (only the patient's own); the sponsor no longer lists her. */
    public boolean withdraw(UUID id, PatientId patient, Instant at) {
        return jdbc.sql("""
                        update research_invitation set withdrawn_at = :at
                        where id = :id and patient_id = :p and status = 'ACCEPTED' and withdrawn_at is null""")
                .param("at", Timestamp.from(at)).param("id", id).param("p", patient.value()).update() == 1;
    }

    /** Answers an invitation once (only the patient's own, only while unanswered). */
    public boolean answer(UUID id, PatientId patient, boolean accept, Optional<Contact> contact, Instant at) {
        return jdbc.sql("""
                        update research_invitation set status = :status, answered_at = :at, contact_name = :name,
                            contact_phone = :phone, contact_email = :email
                        where id = :id and patient_id = :p and status = 'SENT'""")
                .param("status", accept ? "ACCEPTED" : "DECLINED").param("at", Timestamp.from(at))
                .param("name", contact.map(Contact::name).orElse(null))
                .param("phone", contact.map(Contact::phone).orElse(null))
                .param("email", contact.map(Contact::email).orElse(null))
                .param("id", id).param("p", patient.value()).update() == 1;
    }

    public void saveDefinition(OrganisationId sponsor, String name, String definition, String by, Instant at) {
        jdbc.sql("""
                        insert into research_definition (id, sponsor_id, name, definition, saved_by, saved_at)
                        values (:id, :s, :name, :definition, :by, :at)
                        on conflict (sponsor_id, name) do update set definition = excluded.definition,
                            saved_by = excluded.saved_by, saved_at = excluded.saved_at""")
                .param("id", UUID.randomUUID()).param("s", sponsor.value()).param("name", name)
                .param("definition", definition).param("by", by).param("at", Timestamp.from(at)).update();
    }

    public List<SavedDefinition> definitions(OrganisationId sponsor) {
        return jdbc.sql("select id, name, definition, saved_at from research_definition where sponsor_id = :s order by name")
                .param("s", sponsor.value()).query((rs, row) -> new SavedDefinition(rs.getObject(1, UUID.class),
                        rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant())).list();
    }

    private static StudyRow study(ResultSet rs) throws SQLException {
        Timestamp reviewed = rs.getTimestamp("reviewed_at");
        return new StudyRow(rs.getObject("id", UUID.class), new OrganisationId(rs.getObject("sponsor_id", UUID.class)),
                "", rs.getString("title"), rs.getString("summary"), rs.getString("sites"),
                rs.getString("contact"), rs.getString("criteria"), rs.getString("status"), rs.getString("submitted_by"),
                rs.getTimestamp("submitted_at").toInstant(), Optional.ofNullable(rs.getString("reviewed_by")),
                Optional.ofNullable(reviewed).map(Timestamp::toInstant),
                Optional.ofNullable(rs.getString("review_note")));
    }

    private static InvitationRow invitation(ResultSet rs) throws SQLException {
        Timestamp answered = rs.getTimestamp("answered_at");
        return new InvitationRow(rs.getObject("id", UUID.class), rs.getObject("study_id", UUID.class),
                new PatientId(rs.getObject("patient_id", UUID.class)), rs.getTimestamp("sent_at").toInstant(),
                rs.getString("status"), Optional.ofNullable(answered).map(Timestamp::toInstant));
    }
}
