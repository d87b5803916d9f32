package jp.tsunagu.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.Role;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.identity.TestActors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** A clinician adds a document for a patient their hospital treats; the wrong chart or hospital is refused. */
@SpringBootTest
@ActiveProfiles("test")
class ClinicianDocumentIT {

    @Autowired
    FhirImporter importer;
    @Autowired
    JdbcClient jdbc;

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
