package jp.tsunagu.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.OrganisationDetails;
import jp.tsunagu.directory.OrganisationKind;
import jp.tsunagu.identity.SystemActor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** A hospital system sends the referral letter to POST /fhir with a client-credentials token. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FhirEndpointIT {

    @LocalServerPort
    int port;
    @Autowired
    Directory directory;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void demoHospitalsAreRegistered() {
        DemoHospitalTokens.registerHospitals(directory);
    }

    @Test
    void hospitalSendsTheReferralLetter_itIsStoredUnderTheHospital_andASecondSendChangesNothing() throws Exception {
        String token = DemoHospitalTokens.token(http, port, "hospital-tokyo-chuo", "fhir.import fhir.register-patients");
        // As published, the letter claims the JP-CLINS profiles and misses some of their rules (it predates
        // JP-CLINS 1.5.2): a hospital system that claims a profile is held to it, every place named at once.
        HttpResponse<String> claimed = post(Fixtures.referralLetter(), token, "ja");
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(422);
        assertThat(claimed.body()).contains("Bundle.entry[1].resource").contains("R1012");
        assertThat(RecordTables.counts(jdbc).get("record_item")).isZero();
        String unclaimed = new String(Fixtures.referralLetter(), StandardCharsets.UTF_8)
                .replaceAll("\"profile\"\\s*:\\s*\\[[^\\]]*\\]", "\"versionId\":\"1\"");
        // Claiming nothing, it names the patient by the referring clinic's number: Tokyo registers nobody by that.
        HttpResponse<String> foreign = post(unclaimed.getBytes(StandardCharsets.UTF_8), token, "ja");
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(422);
        assertThat(foreign.body()).contains("貴院（1319990011）の患者番号");
        assertThat(RecordTables.counts(jdbc).get("record_item")).isZero();
        // Sent by Tokyo about its own patient, the same letter carries Tokyo's number; the profile findings of the
        // JP-CLINS profile of each type travel as warnings.
        byte[] fixture = unclaimed
                .replace("urn:oid:1.2.392.200119.6.102.11234567890", "urn:oid:1.2.392.200119.6.102.11319990011")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> first = post(fixture, token, "ja");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode outcome = BundleReader.json().readTree(first.body());
        assertThat(outcome.path("resourceType").asString()).isEqualTo("OperationOutcome");
        assertThat(first.body()).contains("追加 12 件").contains("DocumentReference × 1")
                .contains("\"severity\":\"warning\"");
        assertThat(jdbc.sql("""
                        select distinct o.identifier_value from record_item i
                        join directory_organisation o on o.id = i.source_org_id""").query(String.class).list())
                .as("an API client speaks only for its own hospital").containsExactly("1319990011");

        Map<String, Long> before = RecordTables.counts(jdbc);
        HttpResponse<String> second = post(fixture, token, "en");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("imported before");
        assertThat(RecordTables.counts(jdbc)).isEqualTo(before);
    }

    @Test
    void senderWithoutTheRightToRegister_getsAClearRefusalForAnUnknownPatient() throws Exception {
        String token = DemoHospitalTokens.token(http, port, "hospital-osaka-hokuso", "fhir.import");
        Map<String, Long> before = RecordTables.counts(jdbc);
        byte[] bundle = FhirImportIT.VALID.replace("T-1", "T-osaka")
                .replace("urn:oid:1.2.392.200119.6.102.11319990011", "urn:oid:1.2.392.200119.6.102.12719990021")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = post(bundle, token, "ja");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("まだ登録されていません").contains("\"expression\"");
        assertThat(RecordTables.counts(jdbc)).isEqualTo(before);
    }

    @Test
    void malformedJson_is400WithLineAndColumn() throws Exception {
        String token = DemoHospitalTokens.token(http, port, "hospital-tokyo-chuo", "fhir.import");
        HttpResponse<String> response = post("{\"resourceType\": \"Bundle\",\n \"type\": ".getBytes(
                StandardCharsets.UTF_8), token, "en");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Not valid JSON (line 2");
    }

    private HttpResponse<String> post(byte[] body, String token, String language) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir"))
                        .header("Content-Type", "application/fhir+json")
                        .header("Accept-Language", language)
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
