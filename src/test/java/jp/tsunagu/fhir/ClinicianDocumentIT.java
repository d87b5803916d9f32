package jp.tsunagu.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.OrganisationDetails;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.OrganisationKind;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.Role;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.identity.TestActors;
import jp.tsunagu.record.IncomingBatch;
import jp.tsunagu.record.RecordService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.ActiveProfiles;

/** A clinician adds a document for a patient their hospital treats; the wrong chart or hospital is refused. */
@SpringBootTest
@ActiveProfiles("test")
class ClinicianDocumentIT {

    @Autowired
    FhirImporter importer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RecordService records;
    @Autowired
    Directory directory;

    @AfterEach
    void signOut() {
        TestActors.signOut();
    }

    @Test
    void aDocumentForATreatedPatient_isStoredWithTheClinicansHospitalAsSource() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        PatientId patient = registered("C-" + run); // sent by 1319990011, which now treats her
        String document = bundle("C-" + run, "doc-" + run, "診療所からの追加文書");

        TestActors.signInAt("dr-" + run, "医師", Role.CLINICIAN, "1319990011");
        ImportResult result = importer.importForPatient(document.getBytes(StandardCharsets.UTF_8), patient);

        assertThat(result.patient()).isEqualTo(patient);
        assertThat(result.added()).isEqualTo(1);
        assertThat(jdbc.sql("""
                        select o.identifier_value from record_item i join record_diagnosis d on d.item_id = i.id
                        join directory_organisation o on o.id = i.source_org_id where d.name = :n""")
                .param("n", "診療所からの追加文書").query(String.class).single()).isEqualTo("1319990011");
    }

    @Test
    void aBundleOfAnotherRegisteredPatient_orAHospitalThatDoesNotTreat_isRefused_andNothingIsStored() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        PatientId patient = registered("D-" + run);
        registered("E-" + run);
        Map<String, Long> before = RecordTables.counts(jdbc);

        TestActors.signInAt("dr-" + run, "医師", Role.CLINICIAN, "1319990011");
        var wrongChart = catchThrowableOfType(ImportRefusedException.class, () -> importer.importForPatient(
                bundle("E-" + run, "wrong-" + run, "別の患者の病名").getBytes(StandardCharsets.UTF_8), patient));
        assertThat(wrongChart.problems()).extracting(ImportProblem::messageKey).containsExactly("fhir.error.otherPatient");

        TestActors.signInAt("dr2-" + run, "医師", Role.CLINICIAN, "2719990021");
        var notTreated = catchThrowableOfType(ImportRefusedException.class, () -> importer.importForPatient(
                bundle("D-" + run, "other-" + run, "治療していない病院から").getBytes(StandardCharsets.UTF_8), patient));
        assertThat(notTreated.problems()).extracting(ImportProblem::messageKey).containsExactly("fhir.error.notTreated");
        assertThat(RecordTables.counts(jdbc)).isEqualTo(before);
    }

    @Test
    void theDocumentIsAddedWithTheClinicansOwnPermission_whichReachesOnlyTheirHospitalsPatientsAsTheirHospital() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        PatientId patient = registered("F-" + run); // treated by 1319990011
        String otherCode = "27" + (10_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(89_999_999));
        OrganisationId tokyo = SystemActor.call("test", () -> directory.organisationOf(
                Identifier.medicalInstitution("1319990011")).orElseThrow().id());
        OrganisationId other = SystemActor.call("test", () -> directory.organisation(OrganisationDetails.of(
                OrganisationKind.HOSPITAL, "他院", Identifier.medicalInstitution(otherCode))));

        TestActors.signInAt("dr-" + run, "医師", Role.CLINICIAN, "1319990011");
        importer.importForPatient(bundle("F-" + run, "doc-" + run, "本人の権限で追加").getBytes(StandardCharsets.UTF_8),
                patient);
        assertThat(jdbc.sql("""
                        select distinct actor || ' ' || actor_role || ' ' || organisation from audit_access_log
                        where patient_id = :p and action = 'IMPORTED' and actor <> 'system:test'""")
                .param("p", patient.value()).query(String.class).list())
                .as("the log names the clinician, not the system").containsExactly("dr-" + run + " CLINICIAN 1319990011");

        Map<String, Long> before = RecordTables.counts(jdbc);
        assertThatThrownBy(() -> records.store(batch(patient, Optional.of(other))))
                .as("as another hospital").isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> records.store(batch(patient, Optional.empty())))
                .as("as the patient's own word").isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> records.recordOf(patient)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> directory.findPatient(Set.of(Identifier.localPatient(otherCode, "F-" + run))))
                .as("by another hospital's number").isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> directory.addIdentifiers(patient, Set.of(Identifier.localPatient(otherCode, "X"))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> directory.practitioner(new jp.tsunagu.directory.PractitionerDetails(Optional.of(other),
                "他院 医師", Optional.empty(), "key-" + run))).isInstanceOf(AccessDeniedException.class);
        assertThat(directory.findPatient(Set.of(Identifier.localPatient("1319990011", "F-" + run))))
                .as("by the hospital's own number").contains(patient);

        TestActors.signInAt("dr2-" + run, "医師", Role.CLINICIAN, otherCode);
        assertThatThrownBy(() -> records.store(batch(patient, Optional.of(other))))
                .as("a hospital that does not treat her").isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> records.store(batch(patient, Optional.of(tokyo))))
                .as("in the name of the hospital that does").isInstanceOf(AccessDeniedException.class);
        assertThat(RecordTables.counts(jdbc)).isEqualTo(before);
    }

    private static IncomingBatch batch(PatientId patient, Optional<OrganisationId> source) {
        return new IncomingBatch(patient, source, "collection", Optional.empty(), "x", Optional.empty(), "test",
                java.util.List.of());
    }

    private PatientId registered(String identifier) {
        byte[] bytes = bundle(identifier, identifier, "登録時の病名").getBytes(StandardCharsets.UTF_8);
        return SystemActor.call("test", () -> importer.importBundle(bytes, ImportRequest.fromOperator(Optional.empty(),
                true))).patient();
    }

    private static String bundle(String patientIdentifier, String bundleIdentifier, String diagnosis) {
        return FhirImportIT.VALID.replace("T-1", patientIdentifier).replace("\"B1\"", "\"" + bundleIdentifier + "\"")
                .replace("\"value\":\"1\"", "\"value\":\"" + bundleIdentifier + "\"").replace("高血圧症", diagnosis);
    }
}
