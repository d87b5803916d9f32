package jp.tsunagu.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.record.IncomingBatch;
import jp.tsunagu.record.ItemKind;
import jp.tsunagu.record.NewItem;
import jp.tsunagu.record.RecordItem;
import jp.tsunagu.record.RecordService;
import jp.tsunagu.record.StoreResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The demo population as the portal loads it at start: through the COPY path, with the demo accounts
 * linked, all 47 prefectures covered, nothing duplicated by a second load, and rows that the
 * row-by-row path reads back unchanged and would store unchanged.
 */
@SpringBootTest(properties = {"tsunagu.demo.population.patients=200", "tsunagu.demo.population.seed=7",
        "tsunagu.demo.population.today=2025-06-01", "tsunagu.demo.population.chunk-size=64"})
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoPopulationIT {

    private static final SyntheticPopulation POPULATION = new SyntheticPopulation(7, LocalDate.of(2025, 6, 1));

    @Autowired
    DemoPopulationLoader loader;

    @Autowired
    PopulationLoader populationLoader;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Directory directory;

    @Autowired
    RecordService records;

    private List<SyntheticPatient> expected;

    @BeforeAll
    void waitForTheLoadStartedAtReadiness() throws Exception {
        DemoPopulationLoader.Outcome outcome = loader.completion().get(3, TimeUnit.MINUTES);
        assertThat(outcome.alreadyLoaded()).isFalse();
        assertThat(outcome.patientsLoaded()).isEqualTo(200);
        expected = Stream.concat(IntStream.rangeClosed(1, 200).mapToObj(POPULATION::patient),
                POPULATION.demoPatients().stream()).toList();
    }

    @Test
    void rowCounts_matchWhatTheGeneratorProduced() {
        assertThat(count("select count(*) from directory_patient")).isEqualTo(202);
        assertThat(count("select count(*) from directory_patient_identifier"))
                .isEqualTo(expected.stream().mapToLong(p -> p.details().identifiers().size()).sum());
        assertThat(count("select count(*) from directory_care_relationship"))
                .isEqualTo(expected.stream().mapToLong(p -> p.care().size()).sum());
        Map<String, Long> byKind = new HashMap<>();
        expected.stream().flatMap(p -> p.items().stream())
                .forEach(i -> byKind.merge(i.content().kind().name(), 1L, Long::sum));
        Map<String, Long> stored = new HashMap<>();
        jdbc.sql("select kind, count(*) from record_item group by kind")
                .query(rs -> {
                    stored.put(rs.getString(1), rs.getLong(2));
                });
        assertThat(stored).isEqualTo(byKind);
        Map<ItemKind, String> tables = Map.of(ItemKind.ENCOUNTER, "record_encounter", ItemKind.DIAGNOSIS,
                "record_diagnosis", ItemKind.ALLERGY, "record_allergy", ItemKind.INFECTION_TEST, "record_infection_test",
                ItemKind.LAB_RESULT, "record_lab_result", ItemKind.PRESCRIPTION, "record_prescription",
                ItemKind.DOCUMENT, "record_document", ItemKind.PHR_ENTRY, "record_phr_entry");
        tables.forEach((kind, table) -> assertThat(count("select count(*) from " + table)).as(table)
                .isEqualTo(byKind.getOrDefault(kind.name(), 0L)));
        long sections = expected.stream().flatMap(p -> p.items().stream())
                .filter(i -> i.content() instanceof jp.tsunagu.record.ClinicalDocument)
                .mapToLong(i -> ((jp.tsunagu.record.ClinicalDocument) i.content()).sections().size()).sum();
        assertThat(count("select count(*) from record_document_section")).isEqualTo(sections);
        assertThat(count("select count(*) from record_item where retain_until <> (received_at at time zone 'Asia/Tokyo')::date + interval '5 years'"))
                .isZero();
    }

    @Autowired
    jp.tsunagu.fhir.FhirExporter exporter;

    @Autowired
    jp.tsunagu.fhir.FhirImporter importer;

    /** The synthetic record leaves as FHIR and comes back as the same record (acceptance: round trip on synthetic data). */
    @Test
    void syntheticPeople_haveTheSharingChoicesTheGeneratorGaveThem() {
        var numbers = java.util.stream.IntStream.rangeClosed(1, 200).boxed().toList();
        var sharing = numbers.stream().filter(n -> !DemoPopulationLoader.standing(n).sharedForTreatment().isEmpty())
                .collect(java.util.stream.Collectors.toSet());
        var researchOff = numbers.stream()
                .filter(n -> DemoPopulationLoader.standing(n).optedOut().contains(jp.tsunagu.consent.Purpose.RESEARCH))
                .collect(java.util.stream.Collectors.toSet());
        // Another test here deletes five patients and imports them again (without their consents): at most
        // five may be missing, none may be there that the generator did not choose.
        assertThat(numbersWith("d.purpose = 'TREATMENT' and d.grantee_kind = 'TREATING'"))
                .isSubsetOf(sharing).hasSizeGreaterThanOrEqualTo(sharing.size() - 5);
        assertThat(numbersWith("d.purpose = 'RESEARCH' and d.effect = 'DENY'"))
                .isSubsetOf(researchOff).hasSizeGreaterThanOrEqualTo(researchOff.size() - 5);
        assertThat(sharing.size()).as("most people share, not all").isBetween(100, 180);
    }

    /** The synthetic people (by their number) with a demo-written directive matching the condition. */
    private java.util.Set<Integer> numbersWith(String condition) {
        return new java.util.HashSet<>(jdbc.sql("""
                        select cast(substring(i.value from 2) as int) from directory_patient_identifier i
                        join consent_directive d on d.patient_id = i.patient_id
                        where i.system = :system and d.recorded_by = 'demo' and\s""" + condition)
                .param("system", SyntheticPopulation.SYSTEM).query(Integer.class).list());
    }

    @Test
    void syntheticPatients_exportedAndImportedAgain_areTheSameRecord() {
        List<jp.tsunagu.directory.PatientId> patients = jdbc.sql(
                        "select id from directory_patient order by id limit 5").query(java.util.UUID.class).list()
                .stream().map(jp.tsunagu.directory.PatientId::new).toList();
        for (jp.tsunagu.directory.PatientId patient : patients) {
            List<String> before = comparable(patient);
            String export = SystemActor.call("test", () -> exporter.export(patient));
            byte[] bytes = export.getBytes(java.nio.charset.StandardCharsets.UTF_8);

            var same = SystemActor.call("test", () -> importer.importBundle(bytes,
                    jp.tsunagu.fhir.ImportRequest.fromOperator(java.util.Optional.empty(), false)));
            assertThat(same.added()).as("every exported item finds itself again").isZero();
            assertThat(same.updated()).as("and is unchanged").isZero();

            jdbc.sql("delete from directory_patient where id = :id").param("id", patient.value()).update();
            var again = SystemActor.call("test", () -> importer.importBundle(bytes,
                    jp.tsunagu.fhir.ImportRequest.fromOperator(java.util.Optional.empty(), true)));
            assertThat(comparable(again.patient())).isEqualTo(before);
        }
    }

    /** Everything but surrogate ids, arrival times and the rendered originals. */
    private List<String> comparable(jp.tsunagu.directory.PatientId patient) {
        return SystemActor.call("test", () -> records.recordOf(patient)).items().stream()
                .map(i -> i.source().sourceKey() + " " + i.source().organisation() + " " + i.content() + " "
                        + i.undisclosed() + " " + i.sensitiveLabels())
                .sorted().toList();
    }

    @Test
    void demoAccounts_areLinkedToTheirPeople() {
        assertThat(name(SystemActor.call("test", () -> directory.patientOfAccount("patient.sato")))).isEqualTo("佐藤 花子");
        assertThat(name(SystemActor.call("test", () -> directory.patientOfAccount("patient.suzuki"))))
                .isEqualTo("鈴木 一郎");
    }

    @Test
    void allFortySevenPrefectures_haveHospitals_andTheDemoHospitalsExist() {
        assertThat(count("select count(distinct prefecture) from directory_organisation where kind = 'HOSPITAL'"))
                .isEqualTo(47);
        assertThat(jdbc.sql("select name from directory_organisation where identifier_value in ('1319990011', '2719990021') order by 1")
                .query(String.class).list()).containsExactly("大阪北総合病院", "東京中央病院");
    }

    @Test
    void loadingAgain_addsNothing() {
        long items = count("select count(*) from record_item");
        DemoPopulationLoader.Outcome again = loader.load();
        assertThat(again.alreadyLoaded()).isTrue();
        // Also below the completeness check: every chunk finds its patients there and skips them.
        PopulationLoader.Report report = SystemActor.call(PopulationLoader.REASON, () -> populationLoader.load(
                POPULATION, populationLoader.registerOrganisations(POPULATION), 1, 200, 50, 2, (d, t, i) -> {
                }, () -> false));
        assertThat(report.patients()).isZero();
        assertThat(report.skipped()).isEqualTo(200);
        assertThat(count("select count(*) from directory_patient")).isEqualTo(202);
        assertThat(count("select count(*) from record_item")).isEqualTo(items);
        assertThat(count("select count(*) from directory_organisation")).isEqualTo(POPULATION.organisations().size());
    }

    @Test
    void bulkRows_readBackAsGenerated_andTheRowPathFindsThemUnchanged() {
        for (SyntheticPatient person : POPULATION.demoPatients()) {
            PatientId patient = SystemActor.call("test", () -> directory.findPatient(
                    List.of(new Identifier(SyntheticPopulation.SYSTEM, person.key())))).orElseThrow();
            List<RecordItem> stored = SystemActor.call("test", () -> records.recordOf(patient)).items();
            // Every value survives COPY's escaping: Japanese text, multi-line sections, arrays, nulls, decimals.
            assertThat(stored.stream().map(RecordItem::content).toList())
                    .containsExactlyInAnyOrderElementsOf(person.items().stream().map(SyntheticItem::content).toList());
            assertThat(stored.stream().filter(i -> !i.sensitiveLabels().isEmpty() || i.undisclosed()).count())
                    .isEqualTo(person.items().stream().filter(i -> !i.labels().isEmpty() || i.undisclosed()).count());

            List<NewItem> again = new ArrayList<>();
            for (SyntheticItem item : person.items()) {
                Optional<OrganisationId> organisation = item.organisationCode().map(code -> SystemActor.call("test",
                        () -> directory.organisation(Identifier.medicalInstitution(code))).orElseThrow().id());
                again.add(item.toNewItem(organisation));
            }
            StoreResult result = SystemActor.call("test", () -> records.store(new IncomingBatch(patient,
                    Optional.empty(), "synthetic", Optional.empty(), "", Optional.empty(), "test", again)));
            assertThat(result.count(StoreResult.Outcome.UNCHANGED)).isEqualTo(person.items().size());
        }
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private String name(Optional<PatientId> patient) {
        return jdbc.sql("select family_name || ' ' || given_name from directory_patient where id = :id")
                .param("id", patient.orElseThrow().value()).query(String.class).single();
    }
}
