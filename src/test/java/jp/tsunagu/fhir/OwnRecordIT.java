package jp.tsunagu.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.Role;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.identity.TestActors;
import jp.tsunagu.record.ItemId;
import jp.tsunagu.record.MeasurementRejectedException;
import jp.tsunagu.record.MyItem;
import jp.tsunagu.record.MyRecord;
import jp.tsunagu.record.PhrEntry;
import jp.tsunagu.record.PhrEntry.PhrType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.ActiveProfiles;

/**
 * Only mine: a signed-in patient reads, changes, exports and uploads into their own record and nobody
 * else's, whatever id they hand the server; 未告知 items never reach them.
 */
@SpringBootTest
@ActiveProfiles("test")
class OwnRecordIT {

    private static final String UNDISCLOSED_CONDITION = """
              ,{"fullUrl":"urn:uuid:c2","resource":{"resourceType":"Condition",
                "meta":{"tag":[{"system":"http://jpfhir.jp/fhir/clins/CodeSystem/JP_ehrshrs_indication","code":"UNINFORMED"}]},
                "identifier":[{"system":"urn:test:dx","value":"2"}],
                "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
                "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"C16.9","display":"胃癌"}],"text":"まだ告げていない病名"},
                "subject":{"reference":"urn:uuid:p1"},"onsetDateTime":"2026-10-01"}}
             ]}""";

    @Autowired
    FhirImporter importer;
    @Autowired
    FhirExporter exporter;
    @Autowired
    MyRecord myRecord;
    @Autowired
    Directory directory;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    jp.tsunagu.record.RecordService records;
    @Autowired
    jp.tsunagu.audit.AccessLog accessLog;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    private String run;
    private PatientId a;
    private PatientId b;
    private ItemId bMeasurement;

    @BeforeEach
    void twoPatients() {
        run = UUID.randomUUID().toString().substring(0, 8);
        a = importPatient("A-" + run, "Aの高血圧症", true);
        b = importPatient("B-" + run, "Bだけの病名", false);
        SystemActor.run("test", () -> {
            directory.linkAccount(a, "a-" + run);
            directory.linkAccount(b, "b-" + run);
        });
        signIn("b-" + run, Role.PATIENT);
        bMeasurement = myRecord.addMeasurement(bloodPressure("141", "92"));
        signIn("a-" + run, Role.PATIENT);
    }

    @AfterEach
    void signOut() {
        TestActors.signOut();
    }

    @Test
    void patientA_seesAllOfHerOwnDisclosedItems_andNothingOfB() {
        Set<UUID> shown = myRecord.items().stream().map(i -> i.id().value()).collect(Collectors.toSet());

        assertThat(shown).isEqualTo(Set.copyOf(itemIds(a, "not undisclosed")));
        assertThat(shown).doesNotContainAnyElementsOf(itemIds(b, "true"));
        assertThat(myRecord.items()).extracting(i -> ItemTitle.of(i)).contains("Aの高血圧症")
                .doesNotContain("まだ告げていない病名", "Bだけの病名");
    }

    @Test
    void patientA_cannotReadChangeOrDeleteBsItemsById() {
        List<UUID> bItems = itemIds(b, "true");
        assertThat(bItems).hasSizeGreaterThanOrEqualTo(2);
        Map<String, Long> before = RecordTables.counts(jdbc);

        for (UUID id : bItems) {
            assertThat(myRecord.item(new ItemId(id))).as("B's item %s", id).isEmpty();
        }
        assertThat(myRecord.changeMeasurement(bMeasurement, bloodPressure("100", "60"))).isFalse();
        assertThat(myRecord.deleteMeasurement(bMeasurement)).isFalse();

        assertThat(RecordTables.counts(jdbc)).isEqualTo(before);
        assertThat(jdbc.sql("select value1 from record_phr_entry where item_id = :id")
                .param("id", bMeasurement.value()).query(BigDecimal.class).list())
                .singleElement().satisfies(v -> assertThat(v).isEqualByComparingTo("141"));
        // A's own undisclosed item is not hers to read yet either.
        UUID undisclosed = itemIds(a, "undisclosed").getFirst();
        assertThat(myRecord.item(new ItemId(undisclosed))).isEmpty();
    }

    @Test
    void patientA_export_holdsHerRecord_withoutBAndWithoutTheUndisclosedDiagnosis() {
        String json = exporter.exportMine();
        assertThat(jdbc.sql("""
                        select count(*) from audit_access_log where patient_id = :p and action = 'EXPORT'
                        and actor = :actor""").param("p", a.value()).param("actor", "a-" + run)
                .query(Long.class).single()).as("the export is in the access log").isEqualTo(1);
        // Issue 17: with a purpose (ご本人によるダウンロード), so her log does not show an export nobody explained.
        assertThat(jdbc.sql("""
                        select purpose from audit_access_log where patient_id = :p and action = 'EXPORT'
                        and actor = :actor""").param("p", a.value()).param("actor", "a-" + run)
                .query(String.class).single()).isEqualTo("OWN_DOWNLOAD");

        assertThat(json).contains("A-" + run, "Aの高血圧症");
        assertThat(json).doesNotContain("B-" + run, "Bだけの病名", "まだ告げていない病名", b.value().toString());
        for (UUID id : itemIds(b, "true")) {
            assertThat(json).doesNotContain(id.toString());
        }
        // The operator's export (the whole record) still has the undisclosed item: only the patient's copy omits it.
        assertThat(SystemActor.call("test", () -> exporter.export(a))).contains("まだ告げていない病名");
    }

    @Test
    void otherRoles_cannotUseThePatientsOwnRecordServices() {
        signIn("dr-" + run, Role.CLINICIAN);
        assertThatThrownBy(() -> myRecord.items()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> myRecord.item(bMeasurement)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> exporter.exportMine()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> importer.importOwnBundle(new byte[0])).isInstanceOf(AccessDeniedException.class);
        TestActors.signOut();
        assertThatThrownBy(() -> myRecord.items()).isInstanceOf(
                org.springframework.security.authentication.AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void upload_goesIntoAsOwnRecord_attributedToHer_evenWhenTheFileNamesB_andTheDirectoryIsUntouched() {
        String namingB = FhirImportIT.VALID.replace("T-1", "B-" + run).replace("\"B1\"", "\"upload-" + run + "\"")
                .replace("高血圧症", "アップロードした病名");
        Map<String, Long> before = RecordTables.counts(jdbc);

        ImportResult result = importer.importOwnBundle(namingB.getBytes(StandardCharsets.UTF_8));

        assertThat(result.patient()).isEqualTo(a);
        assertThat(result.added()).isEqualTo(1);
        var after = RecordTables.counts(jdbc);
        for (String table : List.of("directory_patient", "directory_patient_identifier", "directory_organisation",
                "directory_practitioner", "directory_care_relationship")) {
            assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
        }
        MyItem uploaded = myRecord.items().stream().filter(i -> ItemTitle.of(i).equals("アップロードした病名"))
                .findFirst().orElseThrow();
        assertThat(uploaded.provenance().by()).isEqualTo(jp.tsunagu.record.RecordItem.ProvidedBy.PATIENT_UPLOADED);
        assertThat(uploaded.provenance().organisation()).isEmpty();
        assertThat(uploaded.editable()).isFalse();
        assertThat(itemIds(b, "true")).hasSize(2);
        assertThat(myRecord.items()).extracting(ItemTitle::of).as("the hospital's own item is not replaced")
                .contains("Aの高血圧症");
    }

    @Test
    void uploadAndDownload_runWithHerOwnPermission_whichReachesHerOwnRecordOnly() {
        String own = FhirImportIT.VALID.replace("T-1", "A-" + run).replace("\"B1\"", "\"own-" + run + "\"")
                .replace("高血圧症", "自分で取り込んだ病名");

        importer.importOwnBundle(own.getBytes(StandardCharsets.UTF_8));
        exporter.exportMine();

        assertThat(jdbc.sql("""
                        select distinct actor || ' ' || actor_role from audit_access_log
                        where patient_id = :p and action in ('IMPORTED', 'EXPORT') and actor <> 'system:test'""")
                .param("p", a.value()).query(String.class).list())
                .as("the log names her, not the system").containsExactly("a-" + run + " PATIENT");

        // What her upload and download may use, she may use only on her own record, and only as her own word.
        Map<String, Long> before = RecordTables.counts(jdbc);
        UUID hospital = jdbc.sql("select source_org_id from record_item where patient_id = :p and source_org_id is not null"
                + " limit 1").param("p", a.value()).query(UUID.class).single();
        assertThatThrownBy(() -> records.store(batch(b, Optional.empty())))
                .as("into B's record").isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> records.store(batch(a, Optional.of(new jp.tsunagu.directory.OrganisationId(hospital)))))
                .as("as if her hospital had sent it").isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> records.recordOf(b)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> records.receivedBundles(b)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> directory.patient(b)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> directory.findPatient(Set.of(new jp.tsunagu.directory.Identifier(
                "urn:oid:1.2.392.200119.6.102.11319990011", "B-" + run)))).isInstanceOf(AccessDeniedException.class);
        var inTransaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
        assertThatThrownBy(() -> inTransaction.executeWithoutResult(status -> accessLog.record(
                new jp.tsunagu.audit.NewAccess(Optional.of(b.value()), List.of(), Optional.empty(),
                        jp.tsunagu.audit.AccessEntry.Action.READ, jp.tsunagu.audit.AccessEntry.Outcome.PERMITTED,
                        "a patient writing into somebody else's log")))).isInstanceOf(AccessDeniedException.class);
        assertThat(records.recordOf(a).patient()).isEqualTo(a);
        assertThat(RecordTables.counts(jdbc)).isEqualTo(before);
    }

    private static jp.tsunagu.record.IncomingBatch batch(PatientId patient,
            Optional<jp.tsunagu.directory.OrganisationId> source) {
        return new jp.tsunagu.record.IncomingBatch(patient, source, "collection", Optional.empty(), "x",
                Optional.empty(), "test", List.of());
    }

    @Test
    void brokenUpload_isRefusedWithTheImportsReasons_andStoresNothing() {
        Map<String, Long> before = RecordTables.counts(jdbc);
        String broken = FhirImportIT.VALID.replace("2020-04-01", "2020-13-45");

        ImportRefusedException refused = catchThrowableOfType(ImportRefusedException.class,
                () -> importer.importOwnBundle(broken.getBytes(StandardCharsets.UTF_8)));

        assertThat(refused.problems()).extracting(ImportProblem::messageKey).containsExactly("fhir.error.invalidResource");
        assertThat(RecordTables.counts(jdbc)).isEqualTo(before);
    }

    @Test
    void measurements_outOfRangeWrongUnitOrFuture_areRefusedAndStoreNothing_validOnesCanBeCorrectedAndDeleted() {
        Map<String, Long> before = RecordTables.counts(jdbc);
        var tooHigh = bloodPressure("1300", "80");
        var wrongUnit = new PhrEntry(PhrType.WEIGHT, Optional.of(new BigDecimal("140")), Optional.empty(),
                Optional.of("lb"), Optional.empty(), Instant.now());
        var future = new PhrEntry(PhrType.BODY_TEMPERATURE, Optional.of(new BigDecimal("36.6")), Optional.empty(),
                Optional.of("℃"), Optional.empty(), Instant.now().plusSeconds(86_400));
        assertThat(catchThrowableOfType(MeasurementRejectedException.class, () -> myRecord.addMeasurement(tooHigh))
                .problems()).extracting(p -> p.messageKey()).containsExactly("measurement.error.range");
        assertThat(catchThrowableOfType(MeasurementRejectedException.class, () -> myRecord.addMeasurement(wrongUnit))
                .problems()).extracting(p -> p.messageKey()).containsExactly("measurement.error.unit");
        assertThat(catchThrowableOfType(MeasurementRejectedException.class, () -> myRecord.addMeasurement(future))
                .problems()).extracting(p -> p.messageKey()).containsExactly("measurement.error.future");
        assertThat(RecordTables.counts(jdbc)).isEqualTo(before);

        ItemId mine = myRecord.addMeasurement(bloodPressure("128", "84"));
        MyItem stored = myRecord.item(mine).orElseThrow();
        assertThat(stored.provenance().by()).isEqualTo(jp.tsunagu.record.RecordItem.ProvidedBy.PATIENT_ENTERED);
        assertThat(stored.editable()).isTrue();
        assertThat(catchThrowableOfType(MeasurementRejectedException.class,
                () -> myRecord.changeMeasurement(mine, bloodPressure("80", "128")))).isNotNull();
        assertThat(((PhrEntry) myRecord.item(mine).orElseThrow().content()).value1()).contains(new BigDecimal("128"));
        assertThat(myRecord.changeMeasurement(mine, bloodPressure("126", "82"))).isTrue();
        assertThat(((PhrEntry) myRecord.item(mine).orElseThrow().content()).value1()).contains(new BigDecimal("126"));
        assertThat(myRecord.deleteMeasurement(mine)).isTrue();
        assertThat(myRecord.item(mine)).isEmpty();
        assertThat(RecordTables.counts(jdbc)).isEqualTo(before);
    }

    private PatientId importPatient(String identifier, String diagnosis, boolean withUndisclosed) {
        String bundle = FhirImportIT.VALID.replace("T-1", identifier).replace("\"B1\"", "\"" + identifier + "\"")
                .replace("高血圧症", diagnosis);
        if (withUndisclosed) {
            bundle = bundle.substring(0, bundle.lastIndexOf(']')) + UNDISCLOSED_CONDITION.substring(
                    0, UNDISCLOSED_CONDITION.lastIndexOf(']')) + "]}";
        }
        byte[] bytes = bundle.getBytes(StandardCharsets.UTF_8);
        return SystemActor.call("test", () -> importer.importBundle(bytes,
                ImportRequest.fromOperator(Optional.empty(), true))).patient();
    }

    private static PhrEntry bloodPressure(String systolic, String diastolic) {
        return new PhrEntry(PhrType.BLOOD_PRESSURE, Optional.of(new BigDecimal(systolic)),
                Optional.of(new BigDecimal(diastolic)), Optional.of("mmHg"), Optional.empty(),
                Instant.now().minusSeconds(120));
    }

    /** Item ids of a patient; {@code which} is a SQL condition on the undisclosed flag. */
    private List<UUID> itemIds(PatientId patient, String which) {
        return jdbc.sql("select id from record_item where patient_id = :p and " + which)
                .param("p", patient.value()).query(UUID.class).list();
    }

    private static void signIn(String subject, Role role) {
        TestActors.signIn(subject, subject, role);
    }

    /** The title a diagnosis shows, for readable assertions. */
    private static final class ItemTitle {
        static String of(MyItem item) {
            return item.content() instanceof jp.tsunagu.record.Diagnosis d ? d.name() : item.content().kind().name();
        }
    }
}
