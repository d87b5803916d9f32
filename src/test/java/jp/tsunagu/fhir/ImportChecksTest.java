package jp.tsunagu.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import ca.uhn.fhir.context.FhirContext;
import jp.tsunagu.record.Prescription;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/**
 * The reader and the checks on the shapes the import fuzz test ({@link ImportFuzzIT}) found to break the
 * import: each is a refusal with its exact place now, or, for JP Core's contained resources, an import.
 */
class ImportChecksTest {

    private static final String PATIENT = """
            {"fullUrl":"urn:uuid:p1","resource":{"resourceType":"Patient",
              "identifier":[{"system":"urn:oid:1.2.392.200119.6.102.11319990011","value":"T-1"}],
              "name":[{"family":"試験","given":["太郎"]}],"birthDate":"1970-01-01"}}""";
    private static final String ORGANISATION = """
            {"fullUrl":"urn:uuid:o1","resource":{"resourceType":"Organization",
              "identifier":[{"system":"http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no","value":"1319990011"}],
              "name":"東京中央病院"}}""";
    /** JP Core's injection example in short: the drug is a contained Medication known by its ingredient. */
    private static final String INJECTION = """
            {"fullUrl":"urn:uuid:m1","resource":{"resourceType":"MedicationRequest","id":"m1",
              "contained":[{"resourceType":"Medication","id":"med","ingredient":[{"itemCodeableConcept":
                {"coding":[{"system":"urn:oid:1.2.392.200119.4.403.1","code":"100558502","display":"ホリゾン注射液１０ｍｇ"}]}}]}],
              "status":"active","intent":"order","medicationReference":{"reference":"#med"},
              "subject":{"reference":"urn:uuid:p1"},"authoredOn":"2020-04-01"}}""";

    private final FhirContext fhir = FhirContext.forR4Cached();
    private final BundleReader reader = new BundleReader(fhir);
    private final ImportChecks checks = new ImportChecks(Optional.of(
            Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC)));

    private static String collection(String... entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    private List<ImportProblem> problems(String json) {
        return checks.check(reader.read(json.getBytes(StandardCharsets.UTF_8)));
    }

    private List<ImportProblem> refusedByReader(String json) {
        ImportRefusedException refused = catchThrowableOfType(ImportRefusedException.class,
                () -> reader.read(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(refused).as("refused while reading").isNotNull();
        assertThat(refused.reason()).isEqualTo(ImportRefusedException.Reason.MALFORMED);
        return refused.problems();
    }

    private static void assertProblem(List<ImportProblem> problems, String key, String expression) {
        assertThat(problems).as("problems").anySatisfy(p -> {
            assertThat(p.messageKey()).isEqualTo(key);
            assertThat(p.expression()).isEqualTo(expression);
        });
    }

    @Test
    void containedMedication_isWalkedAndResolved_andNamesThePrescription() {
        String bundle = collection(PATIENT, ORGANISATION, INJECTION);

        assertThat(problems(bundle)).isEmpty();
        var entry = reader.read(bundle.getBytes(StandardCharsets.UTF_8)).entries().get(2);
        assertThat(RecordMapping.content(entry.resource())).get().isInstanceOfSatisfying(Prescription.class, p -> {
            assertThat(p.drugName()).isEqualTo("ホリゾン注射液１０ｍｇ");
            assertThat(p.code()).get().satisfies(code -> assertThat(code.code()).isEqualTo("100558502"));
        });
    }

    @Test
    void danglingContainedReference_isRefusedWhereItIs() {
        String bundle = collection(PATIENT, ORGANISATION, INJECTION.replace("\"ingredient\"",
                "\"extension\":[{\"url\":\"http://example.org/rel\",\"valueReference\":{\"reference\":\"#x\"}}],\"ingredient\""));

        assertProblem(problems(bundle), "fhir.error.brokenContainedReference",
                "Bundle.entry[2].resource.contained[0].extension[0].value");
    }

    @Test
    void malformedCodeInsideAContainedResource_namesTheContainedElement() {
        String bundle = collection(PATIENT, ORGANISATION, INJECTION.replace("\"ingredient\"",
                "\"code\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/icd-10\",\"code\":\"not icd\"}]},\"ingredient\""));

        assertProblem(problems(bundle), "fhir.error.malformedCode", "Bundle.entry[2].resource.contained[0].code.coding[0]");
    }

    @Test
    void twoContainedResourcesWithOneId_areRefused() {
        String bundle = collection(PATIENT, ORGANISATION, INJECTION.replace("\"contained\":[",
                "\"contained\":[{\"resourceType\":\"Medication\",\"id\":\"med\",\"code\":{\"text\":\"x\"}},"));

        assertProblem(problems(bundle), "fhir.error.duplicateContainedId", "Bundle.entry[2].resource.contained[1].id");
    }

    @Test
    void containedInsideContained_isRefusedByTheReader() {
        String bundle = collection(PATIENT, ORGANISATION, INJECTION.replace("\"id\":\"med\",",
                "\"id\":\"med\",\"contained\":[{\"resourceType\":\"Medication\",\"id\":\"inner\"}],"));

        assertProblem(refusedByReader(bundle), "fhir.error.nestedContained",
                "Bundle.entry[2].resource.contained[0].contained");
    }

    @Test
    void subjectIdentifierWithoutSystem_isRefused_insteadOfMatchingAnyone() {
        String bundle = collection(PATIENT, ORGANISATION,
                INJECTION.replace("{\"reference\":\"urn:uuid:p1\"}", "{\"identifier\":{\"value\":\"T-1\"}}"));

        assertProblem(problems(bundle), "fhir.error.identifierWithoutSystem",
                "Bundle.entry[2].resource.subject.identifier.system");
    }

    @Test
    void jsonOfTheWrongShape_isRefusedWithItsPlace_beforeHapiTripsOverIt() {
        assertProblem(refusedByReader(collection(PATIENT.replace("\"identifier\"", "\"extension\":[\"\"],\"identifier\""))),
                "fhir.error.wrongJsonType", "Bundle.entry[0].resource.extension[0]");
        assertProblem(refusedByReader(collection(PATIENT.replace("\"family\":\"試験\"",
                        "\"family\":\"試験\",\"_family\":{\"extension\":[null]}"))),
                "fhir.error.wrongJsonType", "Bundle.entry[0].resource.name[0].family.extension[0]");
        assertProblem(refusedByReader(collection(PATIENT.replace("\"urn:uuid:p1\"", "{\"a\":1}"))),
                "fhir.error.wrongJsonType", "Bundle.entry[0].fullUrl");
        assertProblem(refusedByReader("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":{}}"),
                "fhir.error.wrongJsonType", "Bundle.entry");
        assertProblem(refusedByReader(collection(PATIENT.replace("\"resourceType\":\"Patient\",",
                "\"resourceType\":\"Patient\",\"id\":\"a/b\","))), "fhir.error.invalidId", "Bundle.entry[0].resource.id");
        assertProblem(refusedByReader(collection(PATIENT.replace("\"name\":[{\"family\":\"試験\",\"given\":[\"太郎\"]}]",
                "\"name\":[{}]"))), "fhir.error.emptyJson", "Bundle.entry[0].resource.name[0]");
        assertProblem(refusedByReader(collection(PATIENT.replace("\"resourceType\":\"Patient\",",
                "\"resourceType\":\"Patient\",\"text\":{\"status\":\"generated\",\"div\":\" \"},"))),
                "fhir.error.emptyNarrative", "Bundle.entry[0].resource.text.div");
        assertProblem(refusedByReader(collection(PATIENT, ORGANISATION, INJECTION.replace(
                "\"resourceType\":\"Medication\"", "\"resourceType\":\"\""))), "fhir.error.missingResourceType",
                "Bundle.entry[2].resource.contained[0].resourceType");
    }

    @Test
    void loincPartCodes_asJpCoreReportsUseThem_areWellFormed() {
        String report = """
                {"fullUrl":"urn:uuid:r1","resource":{"resourceType":"Observation","status":"final",
                  "category":[{"coding":[{"system":"http://loinc.org","code":"LP29684-5"}]}],
                  "code":{"coding":[{"system":"http://loinc.org","code":"2345-7"}]},"subject":{"reference":"urn:uuid:p1"}}}""";
        assertThat(problems(collection(PATIENT, ORGANISATION, report))).isEmpty();
        assertProblem(problems(collection(PATIENT, ORGANISATION, report.replace("2345-7", "LX2345-7"))),
                "fhir.error.malformedCode", "Bundle.entry[2].resource.code.coding[0]");
    }

    @Test
    void whatTheDatabaseCannotHold_isRefusedWithItsPlace() {
        assertProblem(problems(collection(PATIENT.replace("試験", "試\\u0000験"))), "fhir.error.invalidCharacter",
                "Bundle.entry[0].resource.name[0].family");
        assertProblem(problems(collection(PATIENT.replace("太郎", "\\ud800"))), "fhir.error.invalidCharacter",
                "Bundle.entry[0].resource.name[0].given[0]");
        assertProblem(problems(collection(PATIENT.replace("T-1", "9".repeat(300)))), "fhir.error.tooLong",
                "Bundle.entry[0].resource.identifier[0].value");
        String manyIdentifiers = String.join(",", java.util.Collections.nCopies(12,
                "{\"system\":\"urn:x\",\"value\":\"" + "8".repeat(200) + "\"}"));
        assertProblem(problems(collection(PATIENT.replace("\"identifier\":[", "\"identifier\":[" + manyIdentifiers + ","))),
                "fhir.error.identifiersTooLong", "Bundle.entry[0].resource.identifier");
        assertProblem(problems(collection(PATIENT.replace("\"value\":\"T-1\"",
                        "\"_value\":{\"extension\":[{\"url\":\"http://hl7.org/fhir/StructureDefinition/data-absent-reason\",\"valueCode\":\"unknown\"}]}"))),
                "fhir.error.blankIdentifier", "Bundle.entry[0].resource.identifier[0].value");
        assertProblem(problems(collection(ORGANISATION.replace("1319990011", "13199900"))), "fhir.error.malformedCode",
                "Bundle.entry[0].resource.identifier[0].value");
        String lab = """
                {"fullUrl":"urn:uuid:l1","resource":{"resourceType":"Observation","status":"final",
                  "code":{"text":"CRP"},"subject":{"reference":"urn:uuid:p1"},"valueQuantity":{"value":1e400}}}""";
        assertProblem(problems(collection(PATIENT, ORGANISATION, lab)), "fhir.error.numberOutOfRange",
                "Bundle.entry[2].resource.value.value");
    }

    @Test
    void patientWithANameThatSaysNothing_isRefused_andANameWithOnlyAText_isUsed() {
        assertProblem(problems(collection(PATIENT.replace("{\"family\":\"試験\",\"given\":[\"太郎\"]}",
                "{\"use\":\"official\"}"))), "fhir.error.emptyName", "Bundle.entry[0].resource.name");

        String textOnly = collection(PATIENT.replace("{\"family\":\"試験\",\"given\":[\"太郎\"]}",
                "{\"text\":\"試験 太郎\"}"));
        assertThat(problems(textOnly)).isEmpty();
        Patient patient = (Patient) reader.read(textOnly.getBytes(StandardCharsets.UTF_8)).entries().get(0).resource();
        assertThat(RecordMapping.patient(patient).name().family()).isEqualTo("試験 太郎");
    }

    @Test
    void everyImportMessageKey_isInJapaneseAndEnglish() throws IOException {
        Pattern key = Pattern.compile("\"(fhir\\.error\\.[A-Za-z]+)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/jp/tsunagu/fhir"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = key.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        Properties ja = load("/i18n/messages.properties");
        Properties en = load("/i18n/messages_en.properties");
        assertThat(used).hasSizeGreaterThan(20)
                .allSatisfy(k -> assertThat(ja.containsKey(k) && en.containsKey(k)).as(k + " in ja and en").isTrue());
    }

    private Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (var in = getClass().getResourceAsStream(resource)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
