package jp.tsunagu.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jp.tsunagu.identity.SystemActor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest
@ActiveProfiles("test")
class FhirImportIT {

    /** A small valid collection: one patient, the sending hospital, one diagnosis. Cases break one thing each. */
    static final String VALID = """
            {"resourceType":"Bundle","type":"collection","identifier":{"system":"urn:test","value":"B1"},
             "entry":[
              {"fullUrl":"urn:uuid:p1","resource":{"resourceType":"Patient",
                "identifier":[{"system":"urn:oid:1.2.392.200119.6.102.11319990011","value":"T-1"}],
                "name":[{"family":"試験","given":["太郎"]}],"gender":"male","birthDate":"1970-01-01"}},
              {"fullUrl":"urn:uuid:o1","resource":{"resourceType":"Organization",
                "identifier":[{"system":"http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no","value":"1319990011"}],
                "name":"東京中央病院"}},
              {"fullUrl":"urn:uuid:c1","resource":{"resourceType":"Condition",
                "identifier":[{"system":"urn:test:dx","value":"1"}],
                "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
                "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"I10","display":"本態性高血圧症"}],"text":"高血圧症"},
                "subject":{"reference":"urn:uuid:p1"},"onsetDateTime":"2020-04-01"}}
             ]}""";

    @Autowired
    FhirImporter importer;
    @Autowired
    ImportMessages messages;
    @Autowired
    JdbcClient jdbc;

    @Test
    void referralLetterFixture_importsDiagnosesAllergiesAndDocument_andASecondImportChangesNothing() throws Exception {
        byte[] fixture = Fixtures.referralLetter();
        ImportResult first = importAsOperator(fixture, true);

        assertThat(first.patientRegistered()).isTrue();
        assertThat(first.addedByCategory()).containsEntry("DIAGNOSIS", 5L).containsEntry("OTHER_ALLERGY", 2L)
                .containsEntry("REFERRAL_LETTER", 1L).containsEntry("ENCOUNTER", 2L);
        assertThat(first.kept()).containsEntry("Observation", 1L).containsEntry("DocumentReference", 1L);
        assertThat(jdbc.sql("""
                        select d.name from record_diagnosis d join record_item i on i.id = d.item_id
                        where i.patient_id = :p order by d.name""")
                .param("p", first.patient().value()).query(String.class).list())
                .containsExactly("上腹部痛", "上腹部痛", "左前腕骨折", "狭心症", "腰痛");
        assertThat(jdbc.sql("select substance from record_allergy order by substance").query(String.class).list())
                .containsExactly("キーウイ", "サバ");
        assertThat(jdbc.sql("select title from record_document_section where title = '紹介目的'")
                .query(String.class).list()).hasSize(1);
        assertThat(jdbc.sql("select text from record_document_section where title = '家族歴'")
                .query(String.class).single()).isEqualTo("母　胃がん");
        assertThat(jdbc.sql("""
                        select o.name from record_item i join directory_organisation o on o.id = i.source_org_id
                        where i.kind = 'DOCUMENT'""").query(String.class).single())
                .as("the custodian speaks for the document").isEqualTo("港診療所");

        Map<String, Long> before = RecordTables.counts(jdbc);
        ImportResult second = importAsOperator(fixture, true);
        assertThat(second.alreadyImported()).isTrue();
        assertThat(second.added() + second.updated()).isZero();
        assertThat(RecordTables.counts(jdbc)).isEqualTo(before);
    }

    static java.util.stream.Stream<Arguments> badInputs() {
        return java.util.stream.Stream.of(
                bad("malformed JSON", s -> s.substring(0, s.length() - 40), "fhir.error.malformedJson", "$"),
                bad("wrong resourceType", s -> "{\"resourceType\":\"Basic\"}", "fhir.error.wrongResourceType",
                        "resourceType"),
                bad("unknown resource type in an entry", s -> s.replace("\"resourceType\":\"Condition\"",
                        "\"resourceType\":\"Diagnose\""), "fhir.error.invalidResource", "Bundle.entry[2].resource"),
                bad("bundle type not accepted", s -> s.replace("\"collection\"", "\"searchset\""),
                        "fhir.error.unsupportedBundleType", "Bundle.type"),
                bad("missing subject", s -> s.replace("\"subject\":{\"reference\":\"urn:uuid:p1\"},", ""),
                        "fhir.error.missingSubject", "Bundle.entry[2].resource.subject"),
                bad("broken internal reference", s -> s.replace("\"reference\":\"urn:uuid:p1\"",
                        "\"reference\":\"urn:uuid:p9\""), "fhir.error.brokenReference",
                        "Bundle.entry[2].resource.subject"),
                bad("unknown status code", s -> s.replace("\"code\":\"active\"", "\"code\":\"sort-of\""),
                        "fhir.error.unknownCode", "Bundle.entry[2].resource.clinicalStatus"),
                bad("malformed ICD-10 code", s -> s.replace("\"code\":\"I10\"", "\"code\":\"hypertension\""),
                        "fhir.error.malformedCode", "Bundle.entry[2].resource.code.coding[0]"),
                bad("missing required code", s -> s.replace(
                        "\"code\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/icd-10\",\"code\":\"I10\",\"display\":\"本態性高血圧症\"}],\"text\":\"高血圧症\"},",
                        ""), "fhir.error.missingCode", "Bundle.entry[2].resource.code"),
                bad("onset before 1900", s -> s.replace("2020-04-01", "1800-04-01"), "fhir.error.dateOutOfRange",
                        "Bundle.entry[2].resource.onset"),
                bad("born in the future", s -> s.replace("1970-01-01", "2999-01-01"), "fhir.error.dateOutOfRange",
                        "Bundle.entry[0].resource.birthDate"),
                bad("impossible date", s -> s.replace("2020-04-01", "2020-13-45"), "fhir.error.invalidResource",
                        "Bundle.entry[2].resource"),
                bad("sender organisation unknown", s -> s.replaceAll(
                        "(?s)\\{\"fullUrl\":\"urn:uuid:o1\".*?\"name\":\"東京中央病院\"}},", ""),
                        "fhir.error.unknownOrganisation", "Bundle.entry[1].resource"));
    }

    private static Arguments bad(String name, UnaryOperator<String> breakIt, String key, String expression) {
        return Arguments.of(name, breakIt, key, expression);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInput_isRefusedWithWhereAndWhat_andStoresNothing(String name, UnaryOperator<String> breakIt, String key,
            String expression) {
        Map<String, Long> before = RecordTables.counts(jdbc);
        byte[] broken = breakIt.apply(VALID).getBytes(StandardCharsets.UTF_8);

        ImportRefusedException refused = catchThrowableOfType(ImportRefusedException.class,
                () -> importAsOperator(broken, true, Optional.of("1319990099")));

        assertThat(refused).as(name + " must be refused").isNotNull();
        assertThat(refused.problems()).anySatisfy(problem -> {
            assertThat(problem.messageKey()).isEqualTo(key);
            assertThat(problem.expression()).isEqualTo(expression);
        });
        String japanese = messages.describe(refused.problems().getFirst(), Locale.JAPANESE);
        assertThat(japanese).startsWith(refused.problems().getFirst().expression() + ": ").doesNotContain("{0}");
        assertThat(RecordTables.counts(jdbc)).as("nothing stored").isEqualTo(before);
    }

    @Test
    void bundleOverTheSizeLimit_isRefusedBeforeParsing() {
        Map<String, Long> before = RecordTables.counts(jdbc);
        byte[] big = new byte[(int) importer.sizeLimit() + 1];
        Arrays.fill(big, (byte) ' ');
        ImportRefusedException refused = catchThrowableOfType(ImportRefusedException.class,
                () -> importAsOperator(big, true));
        assertThat(refused.reason()).isEqualTo(ImportRefusedException.Reason.TOO_LARGE);
        assertThat(messages.describe(refused.problems().getFirst(), Locale.ENGLISH))
                .contains("too large").contains("20.0 MB");
        assertThat(RecordTables.counts(jdbc)).isEqualTo(before);
    }

    @Test
    void unknownPatient_isRefusedUnlessTheSenderMayRegisterPatients() {
        Map<String, Long> before = RecordTables.counts(jdbc);
        byte[] bundle = VALID.replace("T-1", "T-unknown").getBytes(StandardCharsets.UTF_8);
        ImportRefusedException refused = catchThrowableOfType(ImportRefusedException.class,
                () -> importAsOperator(bundle, false));
        assertThat(refused.reason()).isEqualTo(ImportRefusedException.Reason.UNKNOWN_PATIENT);
        assertThat(RecordTables.counts(jdbc)).isEqualTo(before);

        ImportResult registered = importAsOperator(bundle, true);
        assertThat(registered.patientRegistered()).isTrue();
        assertThat(registered.added()).isEqualTo(1);
        ImportResult again = importAsOperator(bundle, false);
        assertThat(again.patient()).as("now known, matched by identifier").isEqualTo(registered.patient());
        assertThat(again.alreadyImported()).isTrue();
    }

    private ImportResult importAsOperator(byte[] bytes, boolean register) {
        return importAsOperator(bytes, register, Optional.empty());
    }

    private ImportResult importAsOperator(byte[] bytes, boolean register, Optional<String> source) {
        return SystemActor.call("test", () -> importer.importBundle(bytes, ImportRequest.fromOperator(source,
                register)));
    }
}
