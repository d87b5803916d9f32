package jp.tsunagu.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.OrganisationDetails;
import jp.tsunagu.directory.OrganisationKind;
import jp.tsunagu.identity.SystemActor;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The standard FHIR interactions over HTTP against the running portal, every answer read with HAPI's own
 * parser (as a FHIR client would): metadata, transaction, batch, create, conditional create, update of one's
 * own entry and not another's, Patient search by one's own number only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class StandardInteractionsIT {

    static final String TOKYO_NUMBERS = "urn:oid:1.2.392.100495.20.3.51.1" + ProvenanceIT.TOKYO;

    @LocalServerPort
    int port;
    @Autowired
    Directory directory;
    @Autowired
    JdbcClient jdbc;

    private final FhirContext fhir = FhirContext.forR4();
    private final HttpClient http = HttpClient.newHttpClient();
    private String run;
    private String tokyo;
    private String osaka;

    @BeforeEach
    void hospitals() throws Exception {
        run = UUID.randomUUID().toString().substring(0, 8);
        DemoHospitalTokens.registerHospitals(directory);
        tokyo = DemoHospitalTokens.token(http, port, "hospital-tokyo-chuo", "fhir.import fhir.register-patients");
        osaka = DemoHospitalTokens.token(http, port, "hospital-osaka-hokuso", "fhir.import");
    }

    @Test
    void metadata_isACapabilityStatement_readableWithoutAToken() throws Exception {
        HttpResponse<String> response = send("GET", "/fhir/metadata", null, null, Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+json");
        CapabilityStatement statement = fhir.newJsonParser().parseResource(CapabilityStatement.class, response.body());
        assertThat(statement.getFhirVersion().toCode()).isEqualTo("4.0.1");
        var rest = statement.getRestFirstRep();
        assertThat(rest.getInteraction()).extracting(i -> i.getCode().toCode()).contains("transaction", "batch");
        var patient = rest.getResource().stream().filter(r -> r.getType().equals("Patient")).findFirst().orElseThrow();
        assertThat(patient.getInteraction()).extracting(i -> i.getCode().toCode())
                .contains("create", "update", "search-type");
        assertThat(patient.getSearchParam()).extracting(p -> p.getName()).containsExactly("identifier");
        assertThat(patient.getConditionalCreate()).isTrue();
    }

    @Test
    void transaction_isStoredWhole_andAnsweredPerEntry() throws Exception {
        HttpResponse<String> response = send("POST", "/fhir", tokyo, transaction(), Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle answer = fhir.newJsonParser().parseResource(Bundle.class, response.body());
        assertThat(answer.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
        assertThat(answer.getEntry()).hasSize(3);
        assertThat(answer.getEntry().get(0).getResponse().getStatus()).isEqualTo("201 Created");
        assertThat(answer.getEntry().get(0).getResponse().getLocation()).startsWith("Patient/");
        assertThat(answer.getEntry().get(1).getResponse().getStatus()).isEqualTo("200 OK");
        assertThat(answer.getEntry().get(2).getResponse().getStatus()).isEqualTo("201 Created");
        String condition = answer.getEntry().get(2).getResponse().getLocation();
        assertThat(condition).startsWith("Condition/");
        assertThat(jdbc.sql("select count(*) from record_item where id = :id")
                .param("id", UUID.fromString(condition.substring("Condition/".length()))).query(Long.class).single())
                .isEqualTo(1);

        HttpResponse<String> again = send("POST", "/fhir", tokyo, transaction(), Map.of());
        Bundle second = fhir.newJsonParser().parseResource(Bundle.class, again.body());
        assertThat(second.getEntry().get(2).getResponse().getStatus()).isEqualTo("200 OK");
        assertThat(second.getEntry().get(2).getResponse().getLocation()).isEqualTo(condition);
    }

    @Test
    void create_conditionalCreateTwiceGivesOneEntry_updateOfOnesOwn_andNotOfAnothers() throws Exception {
        send("POST", "/fhir", tokyo, transaction(), Map.of());
        String ifNoneExist = "identifier=" + URLEncoder.encode("urn:test:dx|E-" + run, StandardCharsets.UTF_8);

        HttpResponse<String> first = send("POST", "/fhir/Condition", tokyo, condition("E-" + run, "2型糖尿病"),
                Map.of("If-None-Exist", ifNoneExist));
        HttpResponse<String> second = send("POST", "/fhir/Condition", tokyo, condition("E-" + run, "別の名前"),
                Map.of("If-None-Exist", ifNoneExist));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String location = first.headers().firstValue("Location").orElseThrow();
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(second.headers().firstValue("Location")).contains(location);
        assertThat(names("E-" + run)).containsExactly("2型糖尿病");

        HttpResponse<String> update = send("PUT", "/fhir/" + location, tokyo, condition("E-" + run, "2型糖尿病（改）"),
                Map.of());
        assertThat(update.statusCode()).as(update.body()).isEqualTo(200);
        assertThat(names("E-" + run)).containsExactly("2型糖尿病（改）");

        Map<String, Long> before = RecordTables.counts(jdbc);
        HttpResponse<String> foreign = send("PUT", "/fhir/" + location, osaka, condition("E-" + run, "大阪の上書き"),
                Map.of());
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(404);
        assertThat(fhir.newJsonParser().parseResource(OperationOutcome.class, foreign.body()).getIssueFirstRep()
                .getDiagnostics()).contains("貴院が登録したもの");
        assertThat(names("E-" + run)).containsExactly("2型糖尿病（改）");
        assertThat(RecordTables.counts(jdbc)).isEqualTo(before);

        HttpResponse<String> wrongType = send("PUT", "/fhir/" + location.replace("Condition", "Observation"), tokyo,
                condition("E-" + run, "x"), Map.of());
        assertThat(wrongType.statusCode()).isEqualTo(404);
    }

    @Test
    void patientSearch_findsByOnesOwnNumberOnly() throws Exception {
        send("POST", "/fhir", tokyo, transaction(), Map.of());

        Bundle own = search(tokyo, TOKYO_NUMBERS + "|T-" + run);
        Bundle byOsaka = search(osaka, TOKYO_NUMBERS + "|T-" + run);
        Bundle national = search(tokyo, Identifier.INSURANCE_MEMBER + "|N-" + run);

        assertThat(own.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(own.getEntry()).singleElement().satisfies(e -> {
            var patient = (org.hl7.fhir.r4.model.Patient) e.getResource();
            assertThat(patient.getIdentifier()).extracting(i -> i.getValue()).containsExactly("T-" + run);
            assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1980-02-03");
        });
        assertThat(byOsaka.getEntry()).as("another hospital's number finds nobody").isEmpty();
        assertThat(national.getEntry()).as("nor does the national number").isEmpty();
        HttpResponse<String> unsupported = send("GET", "/fhir/Patient?name=" + URLEncoder.encode("山田",
                StandardCharsets.UTF_8), tokyo, null, Map.of());
        assertThat(unsupported.statusCode()).isEqualTo(400);
    }

    @Test
    void batch_answersEachEntryOnItsOwn() throws Exception {
        send("POST", "/fhir", tokyo, transaction(), Map.of());
        String batch = """
                {"resourceType":"Bundle","type":"batch","entry":[
                  {"resource":%s,"request":{"method":"POST","url":"Condition"}},
                  {"resource":%s,"request":{"method":"POST","url":"Condition"}},
                  {"request":{"method":"DELETE","url":"Condition/1"}}
                ]}""".formatted(condition("B1-" + run, "気管支喘息"), condition("B2-" + run, "壊れた")
                .replace("2024-04-01", "2024-13-45"));

        HttpResponse<String> response = send("POST", "/fhir", tokyo, batch, Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle answer = fhir.newJsonParser().parseResource(Bundle.class, response.body());
        assertThat(answer.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
        assertThat(answer.getEntry()).extracting(e -> e.getResponse().getStatus())
                .containsExactly("201 Created", "400 Bad Request", "400 Bad Request");
        assertThat(names("B1-" + run)).containsExactly("気管支喘息");
        assertThat(names("B2-" + run)).isEmpty();
    }

    private Bundle search(String token, String identifier) throws Exception {
        HttpResponse<String> response = send("GET", "/fhir/Patient?identifier="
                + URLEncoder.encode(identifier, StandardCharsets.UTF_8), token, null, Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return fhir.newJsonParser().parseResource(Bundle.class, response.body());
    }

    private java.util.List<String> names(String identifier) {
        return jdbc.sql("""
                        select d.name from record_diagnosis d join record_item i on i.id = d.item_id
                        where i.source_identifier = :id""").param("id", "urn:test:dx|" + identifier)
                .query(String.class).list();
    }

    private String transaction() {
        return """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:p1","resource":{"resourceType":"Patient",
                   "identifier":[{"system":"%1$s","value":"T-%2$s"},
                                 {"system":"http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID","value":"N-%2$s"}],
                   "name":[{"family":"山田","given":["花子"]}],"gender":"female","birthDate":"1980-02-03"},
                  "request":{"method":"POST","url":"Patient"}},
                 {"fullUrl":"urn:uuid:o1","resource":{"resourceType":"Organization",
                   "identifier":[{"system":"http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no","value":"1319990011"}],
                   "name":"東京中央病院"},"request":{"method":"POST","url":"Organization"}},
                 {"fullUrl":"urn:uuid:c1","resource":{"resourceType":"Condition",
                   "identifier":[{"system":"urn:test:dx","value":"I-%2$s"}],
                   "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"I10"}],"text":"高血圧症"},
                   "subject":{"reference":"urn:uuid:p1"},"onsetDateTime":"2020-04-01"},
                  "request":{"method":"POST","url":"Condition"}}
                ]}""".formatted(TOKYO_NUMBERS, run);
    }

    /** A Condition on its own, about her by Tokyo's own number. */
    private String condition(String identifier, String name) {
        return """
                {"resourceType":"Condition","identifier":[{"system":"urn:test:dx","value":"%s"}],
                 "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"E11.9"}],"text":"%s"},
                 "subject":{"identifier":{"system":"%s","value":"T-%s"}},"onsetDateTime":"2024-04-01"}"""
                .formatted(identifier, name, TOKYO_NUMBERS, run);
    }

    private HttpResponse<String> send(String method, String path, String token, String body,
            Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/fhir+json").header("Accept-Language", "ja");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/fhir+json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
