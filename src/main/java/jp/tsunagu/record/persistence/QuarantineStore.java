package jp.tsunagu.record.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.PatientId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code record_quarantine} and the {@code quarantined} flag of {@code record_item}. */
@Repository
public class QuarantineStore {

    private final JdbcClient jdbc;

    QuarantineStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Case(UUID id, PatientId patient, OrganisationId organisation, Instant openedAt, String state,
            Optional<Instant> resolvedAt, Optional<String> resolvedBy, Optional<String> note, int items) {
    }

    /** Opens a case (or finds the open one) and holds back every item the sender filed for the patient. */
    public UUID open(PatientId patient, OrganisationId organisation, Instant at) {
        jdbc.sql("""
                        insert into record_quarantine (id, patient_id, organisation_id, opened_at, state)
                        values (:id, :p, :o, :at, 'OPEN')
                        on conflict (patient_id, organisation_id) where state = 'OPEN' do nothing
                        """)
                .param("id", UUID.randomUUID()).param("p", patient.value()).param("o", organisation.value())
                .param("at", Timestamp.from(at)).update();
        jdbc.sql("update record_item set quarantined = true where patient_id = :p and source_org_id = :o")
                .param("p", patient.value()).param("o", organisation.value()).update();
        return openCase(patient, organisation).orElseThrow().id();
    }

    public Optional<Case> openCase(PatientId patient, OrganisationId organisation) {
        return cases("where q.patient_id = :p and q.organisation_id = :o and q.state = 'OPEN'", patient.value(),
                organisation.value()).stream().findFirst();
    }

    public Optional<Case> byId(UUID id) {
        return cases("where q.id = :id", null, null, id).stream().findFirst();
    }

    public List<Case> open() {
        return cases("where q.state = 'OPEN'", null, null);
    }

    public List<Case> ofPatient(PatientId patient) {
        return cases("where q.patient_id = :p", patient.value(), null);
    }

    private List<Case> cases(String where, UUID patient, UUID organisation) {
        return cases(where, patient, organisation, null);
    }

    private List<Case> cases(String where, UUID patient, UUID organisation, UUID id) {
        var spec = jdbc.sql("""
                        select q.*, (select count(*) from record_item i
                                     where i.patient_id = q.patient_id and i.source_org_id = q.organisation_id) as items
                        from record_quarantine q
                        """ + where + " order by q.opened_at");
        if (patient != null) {
            spec = spec.param("p", patient);
        }
        if (organisation != null) {
            spec = spec.param("o", organisation);
        }
        if (id != null) {
            spec = spec.param("id", id);
        }
        return spec.query((rs, row) -> new Case(rs.getObject("id", UUID.class),
                        new PatientId(rs.getObject("patient_id", UUID.class)),
                        new OrganisationId(rs.getObject("organisation_id", UUID.class)),
                        rs.getTimestamp("opened_at").toInstant(), rs.getString("state"),
                        Optional.ofNullable(rs.getTimestamp("resolved_at")).map(Timestamp::toInstant),
                        Optional.ofNullable(rs.getString("resolved_by")), Optional.ofNullable(rs.getString("note")),
                        rs.getInt("items")))
                .list();
    }

    /** Closes an open case; false when it was not open (decided already, or no such case). */
    public boolean resolve(UUID id, String state, Instant at, String by, String note) {
        return jdbc.sql("""
                        update record_quarantine set state = :state, resolved_at = :at, resolved_by = :by, note = :note
                        where id = :id and state = 'OPEN'
                        """)
                .param("state", state).param("at", Timestamp.from(at)).param("by", by).param("note", note)
                .param("id", id).update() == 1;
    }

    /** Releases the sender's items for the patient: readers see them again. */
    public void release(PatientId patient, OrganisationId organisation) {
        jdbc.sql("update record_item set quarantined = false where patient_id = :p and source_org_id = :o")
                .param("p", patient.value()).param("o", organisation.value()).update();
    }

    /**
     * Removes everything the sender filed for the patient, the bundles it came in, and the treating
     * relationship the sender's records created: it was somebody else's record.
     */
    public int remove(PatientId patient, OrganisationId organisation) {
        int items = jdbc.sql("delete from record_item where patient_id = :p and source_org_id = :o")
                .param("p", patient.value()).param("o", organisation.value()).update();
        jdbc.sql("""
                        delete from record_import ri where ri.patient_id = :p and ri.source_org_id = :o
                          and not exists (select 1 from record_item i where i.import_id = ri.id)
                        """)
                .param("p", patient.value()).param("o", organisation.value()).update();
        return items;
    }
}
