package jp.tsunagu.directory.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import jp.tsunagu.shared.CopyRows;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jp.tsunagu.directory.BulkPatient;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.OrganisationDetails;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.PatientDetails;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.shared.Prefecture;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.stereotype.Repository;

/** The bulk path of the {@code directory_*} tables: COPY for patients, one statement for many organisations. */
@Repository
public class DirectoryCopyWriter {

    private static final List<String> PATIENT_COLUMNS = List.of("id", "family_name", "given_name", "family_kana",
            "given_kana", "birth_date", "sex", "prefecture", "postal_code", "address", "phone", "email");

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    DirectoryCopyWriter(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    public Map<Identifier, OrganisationId> registerOrganisations(Collection<OrganisationDetails> organisations) {
        Map<Identifier, OrganisationId> ids = new HashMap<>();
        if (organisations.isEmpty()) {
            return ids;
        }
        List<OrganisationDetails> all = List.copyOf(organisations);
        jdbc.sql("""
                        insert into directory_organisation (id, kind, name, prefecture, licensed_beds,
                            identifier_system, identifier_value, phone, address)
                        select * from unnest(:ids, :kinds, :names, :prefectures, :beds, :systems, :values,
                            :phones, :addresses)
                        on conflict (identifier_system, identifier_value) do update set
                            prefecture = coalesce(directory_organisation.prefecture, excluded.prefecture),
                            licensed_beds = coalesce(directory_organisation.licensed_beds, excluded.licensed_beds),
                            phone = coalesce(directory_organisation.phone, excluded.phone),
                            address = coalesce(directory_organisation.address, excluded.address)
                        """)
                .param("ids", all.stream().map(o -> UUID.randomUUID()).toArray(UUID[]::new))
                .param("kinds", all.stream().map(o -> o.kind().name()).toArray(String[]::new))
                .param("names", all.stream().map(OrganisationDetails::name).toArray(String[]::new))
                .param("prefectures", all.stream().map(o -> o.prefecture().map(Prefecture::code).orElse(null))
                        .toArray(Integer[]::new))
                .param("beds", all.stream().map(o -> o.licensedBeds().orElse(null)).toArray(Integer[]::new))
                .param("systems", all.stream().map(o -> o.identifier().system()).toArray(String[]::new))
                .param("values", all.stream().map(o -> o.identifier().value()).toArray(String[]::new))
                .param("phones", all.stream().map(o -> o.phone().orElse(null)).toArray(String[]::new))
                .param("addresses", all.stream().map(o -> o.address().orElse(null)).toArray(String[]::new))
                .update();
        jdbc.sql("""
                        select o.id, o.identifier_system, o.identifier_value from directory_organisation o
                        join unnest(:systems, :values) as wanted(system, value)
                          on o.identifier_system = wanted.system and o.identifier_value = wanted.value
                        """)
                .param("systems", all.stream().map(o -> o.identifier().system()).toArray(String[]::new))
                .param("values", all.stream().map(o -> o.identifier().value()).toArray(String[]::new))
                .query(rs -> {
                    ids.put(new Identifier(rs.getString(2), rs.getString(3)),
                            new OrganisationId(rs.getObject(1, UUID.class)));
                });
        return ids;
    }

    public Map<String, PatientId> patientsByIdentifier(String system, Collection<String> values) {
        Map<String, PatientId> found = new HashMap<>();
        if (values.isEmpty()) {
            return found;
        }
        jdbc.sql("select value, patient_id from directory_patient_identifier where system = :s and value = any(:v)")
                .param("s", system)
                .param("v", values.toArray(String[]::new))
                .query(rs -> {
                    found.put(rs.getString(1), new PatientId(rs.getObject(2, UUID.class)));
                });
        return found;
    }

    public long copyPatients(Collection<BulkPatient> patients) {
        CopyRows rows = new CopyRows("directory_patient", PATIENT_COLUMNS);
        CopyRows identifiers = new CopyRows("directory_patient_identifier", List.of("patient_id", "system", "value"));
        CopyRows care = new CopyRows("directory_care_relationship", List.of("patient_id", "organisation_id", "since"));
        for (BulkPatient patient : patients) {
            UUID id = patient.id().value();
            PatientDetails d = patient.details();
            rows.add(id).add(d.name().family()).add(d.name().given()).add(d.name().familyKana().orElse(null))
                    .add(d.name().givenKana().orElse(null)).add(d.birthDate()).add(d.sex().code())
                    .add(d.prefecture().map(Prefecture::code).orElse(null)).add(d.postalCode().orElse(null))
                    .add(d.address().orElse(null)).add(d.phone().orElse(null)).add(d.email().orElse(null)).end();
            for (Identifier identifier : d.identifiers()) {
                identifiers.add(id).add(identifier.system()).add(identifier.value()).end();
            }
            for (BulkPatient.Care c : patient.care()) {
                care.add(id).add(c.organisation().value()).add(c.since()).end();
            }
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long written = rows.copyTo(copy);
            identifiers.copyTo(copy);
            care.copyTo(copy);
            return written;
        } catch (SQLException e) {
            var translated = new SQLExceptionSubclassTranslator().translate("COPY patients", null, e);
            throw translated != null ? translated : new DataAccessResourceFailureException("COPY patients", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
