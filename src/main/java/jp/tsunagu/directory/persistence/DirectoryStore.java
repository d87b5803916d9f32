package jp.tsunagu.directory.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jp.tsunagu.directory.Demographics;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.Organisation;
import jp.tsunagu.directory.OrganisationDetails;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.OrganisationKind;
import jp.tsunagu.directory.Patient;
import jp.tsunagu.directory.PatientDetails;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.directory.PractitionerDetails;
import jp.tsunagu.directory.Sex;
import jp.tsunagu.shared.PersonName;
import jp.tsunagu.shared.Prefecture;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code directory_*} tables. */
@Repository
public class DirectoryStore {

    private final JdbcClient jdbc;

    DirectoryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<PatientId> patientsWithAnyOf(Collection<Identifier> identifiers) {
        if (identifiers.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select distinct i.patient_id from directory_patient_identifier i
                        join unnest(:systems, :values) as wanted(system, value)
                          on i.system = wanted.system and i.value = wanted.value
                        """)
                .param("systems", identifiers.stream().map(Identifier::system).toArray(String[]::new))
                .param("values", identifiers.stream().map(Identifier::value).toArray(String[]::new))
                .query((rs, row) -> new PatientId(rs.getObject(1, UUID.class)))
                .list();
    }

    public void insertPatient(PatientId id, PatientDetails d) {
        jdbc.sql("""
                        insert into directory_patient (id, family_name, given_name, family_kana, given_kana, birth_date,
                            sex, prefecture, postal_code, address, phone, email)
                        values (:id, :family, :given, :familyKana, :givenKana, :birthDate, :sex, :prefecture,
                            :postalCode, :address, :phone, :email)
                        """)
                .param("id", id.value())
                .param("family", d.name().family())
                .param("given", d.name().given())
                .param("familyKana", d.name().familyKana().orElse(null))
                .param("givenKana", d.name().givenKana().orElse(null))
                .param("birthDate", d.birthDate())
                .param("sex", d.sex().code())
                .param("prefecture", d.prefecture().map(Prefecture::code).orElse(null))
                .param("postalCode", d.postalCode().orElse(null))
                .param("address", d.address().orElse(null))
                .param("phone", d.phone().orElse(null))
                .param("email", d.email().orElse(null))
                .update();
        addIdentifiers(id, d.identifiers());
    }

    public void addIdentifiers(PatientId patient, Collection<Identifier> identifiers) {
        for (Identifier identifier : identifiers) {
            jdbc.sql("""
                            insert into directory_patient_identifier (patient_id, system, value) values (:p, :s, :v)
                            on conflict do nothing
                            """)
                    .param("p", patient.value()).param("s", identifier.system()).param("v", identifier.value())
                    .update();
        }
    }

    /**
     * Patients born on that day whose name, without spaces, is exactly {@code name} in kanji or in kana.
     * Exact on purpose: a search for people, not a browse.
     */
    public List<PatientId> byNameAndBirthDate(String name, java.time.LocalDate birthDate) {
        return jdbc.sql("""
                        select id from directory_patient where birth_date = :b
                        and (family_name || given_name = :n or coalesce(family_kana, '') || coalesce(given_kana, '') = :n)
                        """)
                .param("b", birthDate).param("n", name)
                .query((rs, row) -> new PatientId(rs.getObject("id", UUID.class))).list();
    }

    public Optional<Patient> patient(PatientId id) {
        List<Identifier> identifiers = jdbc.sql(
                        "select system, value from directory_patient_identifier where patient_id = :id order by system, value")
                .param("id", id.value())
                .query((rs, row) -> new Identifier(rs.getString(1), rs.getString(2)))
                .list();
        return jdbc.sql("select * from directory_patient where id = :id")
                .param("id", id.value())
                .query((rs, row) -> new Patient(id, new PatientDetails(
                        new PersonName(rs.getString("family_name"), rs.getString("given_name"),
                                optional(rs, "family_kana"), optional(rs, "given_kana")),
                        rs.getObject("birth_date", java.time.LocalDate.class),
                        Sex.ofCode(rs.getString("sex")).orElse(Sex.UNKNOWN),
                        prefecture(rs),
                        optional(rs, "postal_code"), optional(rs, "address"), optional(rs, "phone"),
                        optional(rs, "email"), identifiers),
                        optional(rs, "account_subject")))
                .optional();
    }

    public Optional<OrganisationId> organisationId(Identifier identifier) {
        return jdbc.sql("select id from directory_organisation where identifier_system = :s and identifier_value = :v")
                .param("s", identifier.system()).param("v", identifier.value())
                .query((rs, row) -> new OrganisationId(rs.getObject(1, UUID.class)))
                .optional();
    }

    public void insertOrganisation(OrganisationId id, OrganisationDetails d) {
        jdbc.sql("""
                        insert into directory_organisation (id, kind, name, prefecture, licensed_beds,
                            identifier_system, identifier_value, phone, address)
                        values (:id, :kind, :name, :prefecture, :beds, :system, :value, :phone, :address)
                        on conflict (identifier_system, identifier_value) do nothing
                        """)
                .param("id", id.value())
                .param("kind", d.kind().name())
                .param("name", d.name())
                .param("prefecture", d.prefecture().map(Prefecture::code).orElse(null))
                .param("beds", d.licensedBeds().orElse(null))
                .param("system", d.identifier().system())
                .param("value", d.identifier().value())
                .param("phone", d.phone().orElse(null))
                .param("address", d.address().orElse(null))
                .update();
    }

    public Map<OrganisationId, String> organisationNames(Collection<OrganisationId> ids) {
        Map<OrganisationId, String> names = new HashMap<>();
        jdbc.sql("select id, name from directory_organisation where id = any(:ids)")
                .param("ids", ids.stream().map(OrganisationId::value).toArray(UUID[]::new))
                .query(rs -> {
                    names.put(new OrganisationId(rs.getObject("id", UUID.class)), rs.getString("name"));
                });
        return names;
    }

    public List<Organisation> careOrganisations(PatientId patient) {
        return jdbc.sql("""
                        select o.* from directory_care_relationship c join directory_organisation o on o.id = c.organisation_id
                        where c.patient_id = :p order by o.name""")
                .param("p", patient.value())
                .query((rs, row) -> organisation(new OrganisationId(rs.getObject("id", UUID.class))).orElseThrow())
                .list();
    }

    public boolean treats(PatientId patient, OrganisationId organisation) {
        return jdbc.sql("select count(*) from directory_care_relationship where patient_id = :p and organisation_id = :o")
                .param("p", patient.value()).param("o", organisation.value()).query(Long.class).single() > 0;
    }

    public Optional<Organisation> organisation(OrganisationId id) {
        return jdbc.sql("select * from directory_organisation where id = :id")
                .param("id", id.value())
                .query((rs, row) -> organisation(rs))
                .optional();
    }

    public List<Organisation> organisations(Collection<OrganisationId> ids) {
        return jdbc.sql("select * from directory_organisation where id = any(:ids)")
                .param("ids", ids.stream().map(OrganisationId::value).toArray(UUID[]::new))
                .query((rs, row) -> organisation(rs)).list();
    }

    /** Hospitals with licensed beds, by prefecture and name. */
    public List<Organisation> hospitalsWithBeds() {
        return jdbc.sql("""
                        select * from directory_organisation
                        where kind = 'HOSPITAL' and coalesce(licensed_beds, 0) > 0 order by prefecture, name""")
                .query((rs, row) -> organisation(rs)).list();
    }

    /** Every patient, oldest first (then by id): the order in which aggregate uses number them. */
    public List<PatientId> patientsInOrder() {
        return jdbc.sql("select id from directory_patient order by created_at, id")
                .query((rs, row) -> new PatientId(rs.getObject(1, UUID.class))).list();
    }

    public long patientCount() {
        return jdbc.sql("select count(*) from directory_patient").query(Long.class).single();
    }

    /** Birth date, sex and prefecture of everybody or of one patient, streamed. */
    public void demographics(Optional<PatientId> only, Demographics each) {
        jdbc.sql("select id, birth_date, sex, prefecture from directory_patient"
                        + (only.isPresent() ? " where id = :id" : ""))
                .params(only.<Map<String, ?>>map(p -> Map.of("id", p.value())).orElse(Map.of()))
                .withFetchSize(10_000)
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> each.patient(
                        new PatientId(rs.getObject(1, UUID.class)), rs.getObject(2, java.time.LocalDate.class),
                        Sex.ofCode(rs.getString(3)).orElse(Sex.UNKNOWN), prefecture(rs)));
    }

    private static Organisation organisation(ResultSet rs) throws SQLException {
        return new Organisation(new OrganisationId(rs.getObject("id", UUID.class)), new OrganisationDetails(
                OrganisationKind.valueOf(rs.getString("kind")),
                rs.getString("name"),
                prefecture(rs),
                Optional.ofNullable((Integer) rs.getObject("licensed_beds")),
                new Identifier(rs.getString("identifier_system"), rs.getString("identifier_value")),
                optional(rs, "phone"), optional(rs, "address")));
    }

    public void deleteCareRelationship(PatientId patient, OrganisationId organisation) {
        jdbc.sql("delete from directory_care_relationship where patient_id = :p and organisation_id = :o")
                .param("p", patient.value()).param("o", organisation.value()).update();
    }

    /** The patient numbers one hospital gave the patient, in either naming system JP uses for them. */
    public void deleteLocalIdentifiers(PatientId patient, String institutionCode) {
        jdbc.sql("delete from directory_patient_identifier where patient_id = :p and system = any(:systems)")
                .param("p", patient.value())
                .param("systems", new String[] {Identifier.LOCAL_PATIENT_ROOT + ".1" + institutionCode,
                        Identifier.JP_CORE_LOCAL_PATIENT_ROOT + ".1" + institutionCode})
                .update();
    }

    /** True when the relationship is new. */
    public boolean insertCareRelationship(PatientId patient, OrganisationId organisation) {
        return jdbc.sql("""
                        insert into directory_care_relationship (patient_id, organisation_id) values (:p, :o)
                        on conflict do nothing
                        """)
                .param("p", patient.value()).param("o", organisation.value())
                .update() == 1;
    }

    public void upsertPractitioner(PractitionerDetails d) {
        jdbc.sql("""
                        insert into directory_practitioner (id, organisation_id, name, name_kana, source_key)
                        values (:id, :org, :name, :kana, :key)
                        on conflict (source_key) do update set organisation_id = coalesce(excluded.organisation_id,
                            directory_practitioner.organisation_id), name = excluded.name, name_kana = excluded.name_kana
                        """)
                .param("id", UUID.randomUUID())
                .param("org", d.organisation().map(OrganisationId::value).orElse(null))
                .param("name", d.name())
                .param("kana", d.nameKana().orElse(null))
                .param("key", d.sourceKey())
                .update();
    }

    public void linkAccount(PatientId patient, String subject) {
        jdbc.sql("update directory_patient set account_subject = null where account_subject = :s")
                .param("s", subject).update();
        jdbc.sql("update directory_patient set account_subject = :s where id = :id")
                .param("s", subject).param("id", patient.value()).update();
    }

    public Optional<PatientId> patientOfAccount(String subject) {
        return jdbc.sql("select id from directory_patient where account_subject = :s")
                .param("s", subject)
                .query((rs, row) -> new PatientId(rs.getObject(1, UUID.class)))
                .optional();
    }

    private static Optional<String> optional(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    private static Optional<Prefecture> prefecture(ResultSet rs) throws SQLException {
        @Nullable Object code = rs.getObject("prefecture");
        return code == null ? Optional.empty() : Prefecture.ofCode(((Number) code).intValue());
    }
}
