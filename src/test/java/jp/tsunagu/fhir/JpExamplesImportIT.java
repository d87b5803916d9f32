package jp.tsunagu.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.OrganisationDetails;
import jp.tsunagu.directory.OrganisationKind;
import jp.tsunagu.identity.SystemActor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Every example resource of the JP Core and JP-CLINS packages the portal carries, and the published eReferral
 * letter, sent to a fresh portal over the API as 東京中央病院's system would send them (each example with what
 * it refers to, the patient by Tokyo's own number): each imports, or is refused with a reason that names its
 * place and changes nothing; none answers 5xx. The outcome of each is printed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class JpExamplesImportIT {

    @LocalServerPort
    int port;
    @Autowired
    Directory directory;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyPackagedExample_importsOrIsRefusedWithAReason_noneAnswers5xx() throws Exception {
        DemoHospitalTokens.registerHospitals(directory);
        String token = DemoHospitalTokens.token(http, port, "hospital-tokyo-chuo", "fhir.import fhir.register-patients");
        List<FuzzSeeds.Seed> examples = new ArrayList<>(FuzzSeeds.load().stream()
                .filter(seed -> !seed.name().equals("FhirImportIT.VALID")).toList());
        if (java.nio.file.Files.isReadable(Fixtures.REFERRAL)) {
            examples.add(new FuzzSeeds.Seed("jp-ereferral/BundleReferralExample01 (as published)",
                    (tools.jackson.databind.node.ObjectNode) BundleReader.json().readTree(Fixtures.referralLetter())));
        }
        Map<String, Integer> byOutcome = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        int jpCore = 0;
        int jpCoreImported = 0;
        for (FuzzSeeds.Seed example : examples) {
            Map<String, Long> before = RecordTables.counts(jdbc);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                            + "/fhir")).header("Content-Type", "application/fhir+json").header("Accept-Language", "en")
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(BundleReader.json()
                                    .writeValueAsBytes(example.json()))).build(),
                    HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            assertThat(status).as(example.name() + ": " + response.body()).isLessThan(500);
            JsonNode outcome = BundleReader.json().readTree(response.body());
            String outcomeName;
            if (status >= 400) {
                assertThat(RecordTables.counts(jdbc)).as(example.name() + ": a refusal changes nothing").isEqualTo(before);
                JsonNode first = outcome.path("issue").get(0);
                assertThat(first.path("expression").get(0).asString("")).as(example.name()).isNotBlank();
                assertThat(first.path("diagnostics").asString("")).as(example.name()).doesNotStartWith("fhir.");
                outcomeName = "refused " + status;
                lines.add(String.format("  %-75s %s: %s at %s", example.name(), outcomeName,
                        first.path("diagnostics").asString(""), first.path("expression").get(0).asString("")));
            } else {
                long warnings = 0;
                for (JsonNode issue : outcome.path("issue")) {
                    warnings += issue.path("severity").asString("").equals("warning") ? 1 : 0;
                }
                outcomeName = status == 201 ? "imported" : "imported (nothing new)";
                lines.add(String.format("  %-75s %s, %d warning(s)", example.name(), outcomeName, warnings));
            }
            byOutcome.merge(outcomeName, 1, Integer::sum);
            if (example.name().startsWith("jp-core/")) {
                jpCore++;
                jpCoreImported += status < 300 ? 1 : 0;
            }
        }
        System.out.println("=== JP Core / JP-CLINS examples and the eReferral letter sent as 東京中央病院 ===");
        lines.forEach(System.out::println);
        System.out.println("  outcomes: " + byOutcome);
        assertThat(jpCore).as("JP Core's own examples were found in the carried package").isGreaterThanOrEqualTo(40);
        assertThat(jpCoreImported).as("JP Core's own examples meet JP Core: every one imports").isEqualTo(jpCore);
    }
}
