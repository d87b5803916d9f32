package jp.tsunagu.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import jp.tsunagu.record.CountableFacts;
import jp.tsunagu.record.MyRecord;
import jp.tsunagu.record.Quarantines;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.record.RecordItem;
import jp.tsunagu.record.RecordService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A hospital speaks only for its own patients and entries (issue 14), over the real API with the demo
 * hospitals' tokens: 東京中央病院 (may register patients) and 大阪北総合病院 (may not). Each test has its
 * own patient, so the tests share one portal.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProvenanceIT {

    static final String TOKYO = DemoHospitalTokens.TOKYO;
    static final String OSAKA = DemoHospitalTokens.OSAKA;
    static final String TOKYO_NUMBERS = "urn:oid:1.2.392.100495.20.3.51.1" + TOKYO;
    static final String OSAKA_NUMBERS = "urn:oid:1.2.392.200119.6.102.1" + OSAKA;

    @LocalServerPort
    int port;
    @Autowired
    Directory directory;
    @Autowired
    FhirImporter importer;
    @Autowired
    MyRecord myRecord;
    @Autowired
    Quarantines quarantines;
    @Autowired
    RecordService records;
    @Autowired
    CountableFacts facts;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private String run;
    private String tokyo;
    private String osaka;

    @BeforeEach
    void twoHospitals() throws Exception {
        run = UUID.randomUUID().toString().substring(0, 8);
        DemoHospitalTokens.registerHospitals(directory);
        tokyo = DemoHospitalTokens.token(http, port, "hospital-tokyo-chuo", "fhir.import fhir.register-patients");
        osaka = DemoHospitalTokens.token(http, port, "hospital-osaka-hokuso", "fhir.import");
    }

    @AfterEach
    void signOut() {
        TestActors.signOut();
    }

    /** A patient as a hospital names her: identifiers as given, 山田 花子 (ヤマダ ハナコ), born 1980-02-03. */
    private String patient(String identifiers, String birthDate) {
        return """
                {"fullUrl":"urn:uuid:p1","resource":{"resourceType":"Patient","identifier":[%s],
                  "name":[{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation","valueCode":"IDE"}],
                           "family":"山田","given":["花子"]},
                          {"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation","valueCode":"SYL"}],
                           "family":"ヤマダ","given":["ハナコ"]}],
                  "gender":"female","birthDate":"%s"}}""".formatted(identifiers, birthDate);
    }

    private static String id(String system, String value) {
        return "{\"system\":\"" + system + "\",\"value\":\"" + value + "\"}";
    }

    private String allergy(String category, String criticality, String status) {
        return """
                {"fullUrl":"urn:uuid:a1","resource":{"resourceType":"AllergyIntolerance",
                  "identifier":[{"system":"urn:test:allergy","value":"A-%s"}],
                  "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical","code":"%s"}]},
                  "category":["%s"],"criticality":"%s",
                  "code":{"text":"卵"},"patient":{"reference":"urn:uuid:p1"}}}"""
                .formatted(run, status, category, criticality);
    }

    private static String condition(String icd10, String name) {
        return """
                {"fullUrl":"urn:uuid:c-%1$s","resource":{"resourceType":"Condition",
                  "identifier":[{"system":"urn:test:dx","value":"%1$s"}],
                  "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"%1$s"}],"text":"%2$s"},
                  "subject":{"reference":"urn:uuid:p1"},"onsetDateTime":"2024-04-01"}}""".formatted(icd10, name);
    }

    private static byte[] bundle(String... entries) {
        return ("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[" + String.join(",", entries) + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private String tokyoNumber() {
        return id(TOKYO_NUMBERS, "T-" + run);
    }

    private String nationalId() {
        return id(Identifier.INSURANCE_MEMBER, "00012345:あいう:" + run + ":01");
    }

    /** Tokyo registers her (its own number and her 被保険者番号) with a food allergy. */
    private PatientId tokyoRegistersHer() throws Exception {
        HttpResponse<String> response = post(bundle(patient(tokyoNumber() + "," + nationalId(), "1980-02-03"),
                allergy("food", "high", "active")), tokyo);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new PatientId(jdbc.sql("select patient_id from directory_patient_identifier where value = :v")
                .param("v", "T-" + run).query(UUID.class).single());
    }

    @Test
    void osaka_cannotReachATokyoPatientByTokyosNumber_nothingChanges_andTheAttemptIsInHerLog() throws Exception {
        PatientId her = tokyoRegistersHer();
        Map<String, Long> before = RecordTables.counts(jdbc);

        HttpResponse<String> response = post(bundle(patient(tokyoNumber(), "1980-02-03"),
                condition("K50.9", "クローン病")), osaka);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.body()).contains("他の医療機関の患者番号でしか特定されていません").contains("\"expression\"");
        assertThat(RecordTables.counts(jdbc)).isEqualTo(before);
        assertThat(treats(her, OSAKA)).isFalse();
        assertThat(logRows(her, "RECORDS_RECEIVED", "DENIED")).containsExactly("大阪北総合病院");
    }

    @Test
    void osakaByHerNationalNumber_addsItsOwnEntry_besideTokyos_attachesOnlyItsOwnNumber_andSheIsTold()
            throws Exception {
        PatientId her = tokyoRegistersHer();
        String foreign = id("urn:oid:1.2.392.200119.6.102.11311234567", "X-" + run);

        HttpResponse<String> response = post(bundle(
                patient(nationalId() + "," + id(OSAKA_NUMBERS, "O-" + run) + "," + tokyoNumber() + "," + foreign,
                        "1980-02-03"),
                allergy("medication", "low", "resolved"), condition("K50.9", "クローン病")), osaka);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(jdbc.sql("select value from directory_patient_identifier where patient_id = :p order by value")
                .param("p", her.value()).query(String.class).list())
                .as("Osaka's own number joins her; nobody else's")
                .containsExactlyInAnyOrder("T-" + run, "O-" + run, "00012345:あいう:" + run + ":01");
        List<Map<String, Object>> allergies = jdbc.sql("""
                        select o.identifier_value as sender, a.criticality, a.allergy_category from record_allergy a
                        join record_item i on i.id = a.item_id join directory_organisation o on o.id = i.source_org_id
                        where i.patient_id = :p order by sender""").param("p", her.value()).query().listOfRows();
        assertThat(allergies).as("the same identifier from two hospitals is two entries")
                .extracting(r -> r.get("sender") + ":" + r.get("criticality") + ":" + r.get("allergy_category"))
                .containsExactly(TOKYO + ":high:food", OSAKA + ":low:medication");
        assertThat(treats(her, OSAKA)).isTrue();
        assertThat(logRows(her, "RECORDS_RECEIVED", "RECORDED")).containsExactlyInAnyOrder("東京中央病院",
                "大阪北総合病院");
        assertThat(jdbc.sql("select arguments[1] from consent_inbox where patient_id = :p and kind = 'RECORDS_ARRIVED'")
                .param("p", her.value()).query(String.class).list())
                .containsExactlyInAnyOrder("東京中央病院", "大阪北総合病院");

        // Sending the same again changes nothing and tells her nothing new.
        HttpResponse<String> again = post(bundle(
                patient(nationalId() + "," + id(OSAKA_NUMBERS, "O-" + run), "1980-02-03"),
                allergy("medication", "low", "resolved"), condition("K50.9", "クローン病")), osaka);
        assertThat(again.statusCode()).as(again.body()).isIn(200, 201);
        assertThat(logRows(her, "RECORDS_RECEIVED", "RECORDED")).hasSize(2);
    }

    @Test
    void aNationalNumberWithAnotherBirthDate_isRefused_andChangesNothing() throws Exception {
        PatientId her = tokyoRegistersHer();
        Map<String, Long> before = RecordTables.counts(jdbc);

        HttpResponse<String> response = post(bundle(patient(nationalId(), "1980-02-04"),
                condition("K50.9", "クローン病")), osaka);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.body()).contains("被保険者番号は登録患者さんに一致しますが");
        assertThat(RecordTables.counts(jdbc)).isEqualTo(before);
        assertThat(logRows(her, "RECORDS_RECEIVED", "DENIED")).hasSize(1);
    }

    @Test
    void notMine_holdsBackEverythingThatSenderFiled_fromClinicians_countsAndFigures_untilAStewardRemovesIt()
            throws Exception {
        PatientId her = tokyoRegistersHer();
        assertThat(post(bundle(patient(nationalId() + "," + id(OSAKA_NUMBERS, "O-" + run), "1980-02-03"),
                allergy("medication", "low", "resolved"), condition("K50.9", "クローン病")), osaka).statusCode())
                .isEqualTo(201);
        OrganisationId osakaId = SystemActor.call("test", () -> directory.organisation(
                Identifier.medicalInstitution(OSAKA)).orElseThrow().id());
        assertThat(diagnosesCounted(her)).contains("K50.9");
        assertThat(facts.patientsWithDrugAllergies()).contains(her);

        SystemActor.run("test", () -> directory.linkAccount(her, "her-" + run));
        TestActors.signIn("her-" + run, "山田 花子", Role.PATIENT);
        assertThat(quarantines.notMine(osakaId)).isTrue();
        assertThat(quarantines.notMine(osakaId)).as("saying it twice changes nothing").isTrue();

        assertThat(myRecord.items()).extracting(i -> i.provenance().organisation().orElse(""))
                .doesNotContain("大阪北総合病院").contains("東京中央病院");
        assertThat(myRecord.heldBack()).isNotEmpty()
                .allSatisfy(i -> assertThat(i.provenance().quarantined()).isTrue());
        List<RecordItem> clinicianSees = SystemActor.call("test", () -> records.itemsFor(her,
                EnumSet.allOf(RecordCategory.class)));
        assertThat(clinicianSees).isNotEmpty().noneMatch(i -> i.source().organisation().equals(Optional.of(osakaId)));
        assertThat(diagnosesCounted(her)).doesNotContain("K50.9");
        assertThat(facts.patientsWithDrugAllergies()).doesNotContain(her);
        assertThat(logRows(her, "QUARANTINE", "RECORDED")).containsExactly("大阪北総合病院");

        // Osaka keeps sending while the case is open: held back too.
        assertThat(post(bundle(patient(id(OSAKA_NUMBERS, "O-" + run), "1980-02-03"), condition("E11.9", "2型糖尿病")),
                osaka).statusCode()).isEqualTo(201);
        assertThat(diagnosesCounted(her)).doesNotContain("E11.9");

        TestActors.signInAt("steward-" + run, "渡辺 裕子", Role.STEWARD, "tsunagu");
        Quarantines.Case open = quarantines.open().stream().filter(c -> c.patient().equals(her)).findFirst()
                .orElseThrow();
        assertThat(open.items()).isEqualTo(3);
        assertThat(quarantines.decide(open.id(), Quarantines.State.REMOVED, "別の患者さんの記録と確認")).isTrue();
        assertThat(quarantines.decide(open.id(), Quarantines.State.RELEASED, "二度目")).as("decided once").isFalse();

        assertThat(jdbc.sql("select count(*) from record_item where patient_id = :p and source_org_id = :o")
                .param("p", her.value()).param("o", osakaId.value()).query(Long.class).single()).isZero();
        assertThat(treats(her, OSAKA)).isFalse();
        assertThat(jdbc.sql("select arguments from consent_inbox where patient_id = :p and kind = 'RECORDS_DECIDED'")
                .param("p", her.value()).query((rs, row) -> List.of((String[]) rs.getArray(1).getArray())).list())
                .as("she is told the outcome").containsExactly(List.of("大阪北総合病院", "REMOVED"));
        assertThat(jdbc.sql("select count(*) from directory_patient_identifier where patient_id = :p and value = :v")
                .param("p", her.value()).param("v", "O-" + run).query(Long.class).single())
                .as("Osaka's number no longer finds her").isZero();
        assertThat(SystemActor.call("test", () -> records.itemsFor(her, EnumSet.allOf(RecordCategory.class))))
                .extracting(i -> i.source().organisation()).containsOnly(SystemActor.call("test",
                        () -> directory.organisation(Identifier.medicalInstitution(TOKYO)).map(o -> o.id())));
    }

    @Test
    void aPatientsUpload_ofSomebodyElsesFile_isRefused_herOwnIsImportedAndCanBeWithdrawn() throws Exception {
        PatientId her = tokyoRegistersHer();
        SystemActor.run("test", () -> directory.linkAccount(her, "her-" + run));
        TestActors.signIn("her-" + run, "山田 花子", Role.PATIENT);
        Map<String, Long> before = RecordTables.counts(jdbc);

        // A referral letter about 田中 太郎 (born 1955): not hers.
        byte[] somebodyElse = Fixtures.referralLetter();
        ImportRefusedException refused = catchThrowableOfType(ImportRefusedException.class,
                () -> importer.importOwnBundle(somebodyElse));
        assertThat(refused.problems()).extracting(ImportProblem::messageKey).contains("fhir.error.notYourRecord");
        assertThat(RecordTables.counts(jdbc)).isEqualTo(before);

        // Her own file: the kana name is enough, written in hiragana and with a full-width space.
        String mine = patient(tokyoNumber(), "1980-02-03")
                .replace("\"family\":\"山田\",\"given\":[\"花子\"]", "\"family\":\"やまだ\",\"given\":[\"　はなこ\"]");
        ImportResult added = importer.importOwnBundle(bundle(mine, condition("J45.9", "気管支喘息")));
        assertThat(added.added()).isEqualTo(1);
        assertThat(myRecord.items()).anySatisfy(i -> assertThat(i.provenance().by())
                .isEqualTo(RecordItem.ProvidedBy.PATIENT_UPLOADED));
        assertThat(myRecord.myImports()).singleElement().satisfies(f -> assertThat(f.items()).isEqualTo(1));

        assertThat(myRecord.withdrawImport(UUID.randomUUID())).as("not one of hers").isZero();
        assertThat(myRecord.withdrawImport(myRecord.myImports().getFirst().id())).isEqualTo(1);
        assertThat(myRecord.myImports()).isEmpty();
        assertThat(RecordTables.counts(jdbc)).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from audit_access_log where patient_id = :p and action = 'IMPORT_WITHDRAWN'")
                .param("p", her.value()).query(Long.class).single()).isEqualTo(1);
    }

    private List<String> diagnosesCounted(PatientId patient) {
        List<String> codes = new ArrayList<>();
        facts.diagnoses(Optional.of(patient), (p, code, name) -> codes.add(code));
        return codes;
    }

    private boolean treats(PatientId patient, String institutionCode) {
        return jdbc.sql("""
                        select count(*) from directory_care_relationship c join directory_organisation o
                          on o.id = c.organisation_id
                        where c.patient_id = :p and o.identifier_value = :code""")
                .param("p", patient.value()).param("code", institutionCode).query(Long.class).single() > 0;
    }

    private List<String> logRows(PatientId patient, String action, String outcome) {
        return jdbc.sql("""
                        select reason from audit_access_log where patient_id = :p and action = :a and outcome = :o
                        order by seq""")
                .param("p", patient.value()).param("a", action).param("o", outcome).query(String.class).list();
    }

    private HttpResponse<String> post(byte[] body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir"))
                        .header("Content-Type", "application/fhir+json")
                        .header("Accept-Language", "ja")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
