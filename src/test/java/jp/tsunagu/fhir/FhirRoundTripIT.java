package jp.tsunagu.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.OrganisationDetails;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.OrganisationKind;
import jp.tsunagu.directory.PatientDetails;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.directory.Sex;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.record.Allergy;
import jp.tsunagu.record.ClinicalDocument;
import jp.tsunagu.record.Code;
import jp.tsunagu.record.Diagnosis;
import jp.tsunagu.record.Encounter;
import jp.tsunagu.record.IncomingBatch;
import jp.tsunagu.record.InfectionTest;
import jp.tsunagu.record.ItemContent;
import jp.tsunagu.record.LabResult;
import jp.tsunagu.record.NewItem;
import jp.tsunagu.record.PhrEntry;
import jp.tsunagu.record.Prescription;
import jp.tsunagu.record.RecordItem;
import jp.tsunagu.record.RecordService;
import jp.tsunagu.record.SensitiveLabel;
import jp.tsunagu.record.Source;
import jp.tsunagu.record.SourceKeys;
import jp.tsunagu.shared.PersonName;
import jp.tsunagu.shared.Prefecture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** import → export → import gives the same record, and what came from outside comes back unchanged. */
@SpringBootTest
@ActiveProfiles("test")
class FhirRoundTripIT {

    @Autowired
    FhirImporter importer;
    @Autowired
    FhirExporter exporter;
    @Autowired
    RecordService records;
    @Autowired
    Directory directory;
    @Autowired
    JdbcClient jdbc;

    /** What makes two records the same: everything but surrogate ids and arrival times. */
    record Comparable(String sourceKey, Optional<OrganisationId> source, ItemContent content, boolean undisclosed,
            List<SensitiveLabel> labels, Optional<String> original) {
    }

    @Test
    void referralLetter_exportedAndImportedAgain_isTheSameRecord_withTheReceivedBundleUnchanged() throws Exception {
        byte[] fixture = Fixtures.referralLetter();
        PatientId patient = system(() -> importer.importBundle(fixture, ImportRequest.fromOperator(Optional.empty(),
                true))).patient();
        List<Comparable> before = snapshot(patient, false);
        String export = system(() -> exporter.export(patient));

        JsonNode exported = BundleReader.json().readTree(export);
        JsonNode original = BundleReader.json().readTree(fixture);
        List<JsonNode> nested = new ArrayList<>();
        exported.path("entry").forEach(e -> {
            if ("Bundle".equals(e.path("resource").path("resourceType").asString(""))) {
                nested.add(e.path("resource"));
            }
        });
        assertThat(nested).as("the received document comes back whole and unchanged").containsExactly(original);

        deletePatient(patient);
        PatientId again = system(() -> importer.importBundle(export.getBytes(StandardCharsets.UTF_8),
                ImportRequest.fromOperator(Optional.empty(), true))).patient();
        assertThat(snapshot(again, false)).isEqualTo(before);

        ImportResult third = system(() -> importer.importBundle(export.getBytes(StandardCharsets.UTF_8),
                ImportRequest.fromOperator(Optional.empty(), false)));
        assertThat(third.added() + third.updated()).as("importing the export again adds nothing").isZero();
    }

    @Test
    void itemsBornInThePortal_renderedOnExport_importBackToTheSameRecord() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        PatientId patient = system(() -> {
            OrganisationId hospital = directory.organisation(new OrganisationDetails(OrganisationKind.HOSPITAL,
                    "札幌北病院", Optional.of(Prefecture.HOKKAIDO), Optional.of(320),
                    Identifier.medicalInstitution("0119990001"), Optional.empty(), Optional.empty()));
            PatientId id = directory.registerPatient(new PatientDetails(PersonName.of("北村", "葵", "キタムラ", "アオイ"),
                    LocalDate.of(1988, 2, 29), Sex.FEMALE, Optional.of(Prefecture.HOKKAIDO), Optional.of("060-0001"),
                    Optional.of("北海道札幌市中央区北1条西1丁目"), Optional.of("011-000-0000"), Optional.empty(),
                    List.of(Identifier.localPatient("0119990001", "R-42"))));
            List<NewItem> items = List.of(
                    born("Condition", "dx1", hospital, new Diagnosis("全身性エリテマトーデス",
                            Optional.of(Code.of(Code.ICD10, "M32.9", "全身性エリテマトーデス")), Optional.of("M32.9"),
                            Optional.of("active"), Optional.of("confirmed"), Optional.of("2019-06"),
                            Optional.of(LocalDate.of(2019, 6, 1)), Optional.of("蝶形紅斑あり")), false,
                            List.of()),
                    born("Condition", "dx2", hospital, new Diagnosis("うつ病", Optional.empty(), Optional.of("F32"),
                            Optional.of("active"), Optional.empty(), Optional.empty(), Optional.empty(),
                            Optional.empty()), true, List.of(SensitiveLabel.MENTAL_HEALTH)),
                    born("AllergyIntolerance", "al1", hospital, new Allergy("ペニシリン系抗菌薬", Optional.empty(),
                            Allergy.AllergyCategory.MEDICATION, Optional.of("allergy"), Optional.of("high"),
                            Optional.of("active"), Optional.of("蕁麻疹、呼吸困難"), Optional.empty(),
                            Optional.of(now.minus(400, ChronoUnit.DAYS))), false, List.of()),
                    born("Observation", "lab1", hospital, new LabResult("HbA1c",
                            Optional.of(Code.of(Code.JLAC10, "3D046000001906202", "HbA1c")),
                            Optional.of(new BigDecimal("6.80")), Optional.empty(), Optional.of("%"),
                            Optional.of(new BigDecimal("4.6")), Optional.of(new BigDecimal("6.2")), Optional.of("H"),
                            Optional.of(now.minus(30, ChronoUnit.DAYS))), false, List.of()),
                    born("Observation", "inf1", hospital, new InfectionTest("HBs抗原",
                            Optional.of(Code.of(Code.JLAC10, "5F016141002302301", "HBs抗原")), "陰性",
                            Optional.of(false), Optional.of(now.minus(90, ChronoUnit.DAYS))), false, List.of()),
                    born("MedicationRequest", "rx1", hospital, new Prescription("プレドニゾロン錠5mg",
                            Optional.of(Code.of(Code.YJ, "2456001F1310", "プレドニゾロン錠5mg")),
                            Optional.of("1日1回朝食後 1錠"), Optional.of(new BigDecimal("1")), Optional.of("錠"),
                            Optional.of(LocalDate.now().minusDays(10)), Optional.of(LocalDate.now().plusDays(18)),
                            Optional.of("active")), false, List.of()),
                    born("Encounter", "enc1", hospital, new Encounter(Encounter.EncounterClass.IMP, "in-progress",
                            Optional.of("一般病床"), Optional.of(now.minus(3, ChronoUnit.DAYS)), Optional.empty()),
                            false, List.of()),
                    born("Composition", "doc1", hospital, new ClinicalDocument(
                            ClinicalDocument.DocumentType.DISCHARGE_SUMMARY, "退院時サマリー", "final",
                            Optional.of(now.minus(200, ChronoUnit.DAYS)), List.of(
                                    new ClinicalDocument.Section(0, "入院経過", Optional.of("342"),
                                            "ステロイド増量で軽快。\n退院後は外来で経過観察。"),
                                    new ClinicalDocument.Section(1, "退院時処方", Optional.empty(), "プレドニゾロン 10mg"))),
                            false, List.of()),
                    new NewItem(new PhrEntry(PhrEntry.PhrType.BLOOD_PRESSURE, Optional.of(new BigDecimal("128")),
                            Optional.of(new BigDecimal("82")), Optional.of("mmHg"), Optional.of("朝"),
                            now.minus(1, ChronoUnit.DAYS)),
                            new Source(Optional.empty(), SourceKeys.born("Observation", "https://tsunagu.jp/fhir/phr",
                                    "bp1"), Optional.of("https://tsunagu.jp/fhir/phr|bp1"), Optional.empty()),
                            false, List.of()));
            records.store(new IncomingBatch(id, Optional.empty(), "born", Optional.empty(), "none",
                    Optional.empty(), "test", items));
            return id;
        });
        List<Comparable> before = snapshot(patient, true);
        assertThat(before).hasSize(9);
        String export = system(() -> exporter.export(patient));

        ImportResult same = system(() -> importer.importBundle(export.getBytes(StandardCharsets.UTF_8),
                ImportRequest.fromOperator(Optional.empty(), false)));
        assertThat(same.added()).as("each rendered item finds itself again").isZero();

        deletePatient(patient);
        PatientId again = system(() -> importer.importBundle(export.getBytes(StandardCharsets.UTF_8),
                ImportRequest.fromOperator(Optional.empty(), true))).patient();
        assertThat(snapshot(again, true)).isEqualTo(before);
    }

    private static NewItem born(String type, String value, OrganisationId source, ItemContent content,
            boolean undisclosed, List<SensitiveLabel> labels) {
        String system = "https://tsunagu.jp/fhir/synthetic";
        return new NewItem(content, new Source(Optional.of(source), SourceKeys.born(type, system, value),
                Optional.of(system + "|" + value), Optional.empty()), undisclosed, labels);
    }

    private List<Comparable> snapshot(PatientId patient, boolean ignoreOriginals) {
        List<RecordItem> items = system(() -> records.recordOf(patient).items());
        return items.stream()
                .map(i -> new Comparable(i.source().sourceKey(), i.source().organisation(), i.content(),
                        i.undisclosed(), i.sensitiveLabels(),
                        ignoreOriginals ? Optional.empty() : i.source().originalResource()))
                .sorted(Comparator.comparing(Comparable::sourceKey))
                .toList();
    }

    private void deletePatient(PatientId patient) {
        jdbc.sql("delete from directory_patient where id = :id").param("id", patient.value()).update();
    }

    private static <T> T system(java.util.function.Supplier<T> work) {
        return SystemActor.call("test", work);
    }
}
