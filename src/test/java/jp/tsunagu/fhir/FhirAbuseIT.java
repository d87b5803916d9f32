package jp.tsunagu.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The FHIR API against a client that sends too much: a flood of posts is throttled (429 with
 * Retry-After), a bundle of thousands of entries is refused before they are parsed, and a bundle with
 * hundreds of faults gets an answer of at most a hundred issues. The limit is set low here (30 at once,
 * 30 a minute) to see it bite; other tests run with it out of the way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tsunagu.fhir.rate.burst=30", "tsunagu.fhir.rate.per-minute=30"})
@ActiveProfiles("test")
class FhirAbuseIT {

    @LocalServerPort
    int port;

    @Autowired
    jp.tsunagu.directory.Directory directory;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aFloodOfPosts_isAnswered429WithRetryAfter() throws Exception {
        String token = DemoHospitalTokens.token(http, port, "hospital-tokyo-chuo", "fhir.import");
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> throttled = null;
        for (int i = 0; i < 45 && throttled == null; i++) {
            var response = post(token, "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[]}");
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                throttled = response;
            }
        }
        assertThat(statuses.getFirst()).isNotEqualTo(429);
        assertThat(throttled).as("statuses: " + statuses).isNotNull();
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        JsonNode outcome = BundleReader.json().readTree(throttled.body());
        assertThat(outcome.path("issue").get(0).path("code").asString()).isEqualTo("throttled");
    }

    @Test
    void thousandsOfEntries_areRefusedBeforeParsing_andHundredsOfFaults_giveAtMostAHundredIssues() throws Exception {
        DemoHospitalTokens.registerHospitals(directory);
        String token = DemoHospitalTokens.token(http, port, "hospital-tokyo-chuo", "fhir.import");
        StringBuilder many = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
        for (int i = 0; i < BundleReader.MAX_ENTRIES + 1; i++) {
            many.append(i == 0 ? "" : ",").append("{\"resource\":{\"resourceType\":\"Basic\"}}");
        }
        var tooMany = post(token, many.append("]}").toString());
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("2001").contains("2000");

        // 500 entries without a resource: 500 faults, one answer of 100 issues and a note of the rest.
        StringBuilder faulty = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
        for (int i = 0; i < 500; i++) {
            faulty.append(i == 0 ? "" : ",").append("{\"fullUrl\":\"urn:uuid:x\"}");
        }
        var faults = post(token, faulty.append("]}").toString());
        JsonNode issues = BundleReader.json().readTree(faults.body()).path("issue");
        assertThat(faults.statusCode()).isBetween(400, 499);
        assertThat(issues.size()).isEqualTo(101);
        assertThat(issues.get(100).path("code").asString()).isEqualTo("too-costly");
        assertThat(faults.body().length()).isLessThan(64 * 1024);
    }

    private HttpResponse<String> post(String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
