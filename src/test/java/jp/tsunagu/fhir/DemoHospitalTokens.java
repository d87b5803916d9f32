package jp.tsunagu.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The demo hospitals as the API meets them: 東京中央病院 and 大阪北総合病院 registered in the directory, and
 * access tokens of their clients by the client-credentials grant, as a hospital system gets them.
 */
final class DemoHospitalTokens {

    static final String SECRET = "tsunagu-demo-hospital";
    static final String TOKYO = "1319990011";
    static final String OSAKA = "2719990021";

    /** Both demo hospitals in the directory (a test context has no demo population to bring them). */
    static void registerHospitals(jp.tsunagu.directory.Directory directory) {
        jp.tsunagu.identity.SystemActor.run("test", () -> {
            directory.organisation(jp.tsunagu.directory.OrganisationDetails.of(
                    jp.tsunagu.directory.OrganisationKind.HOSPITAL, "東京中央病院",
                    jp.tsunagu.directory.Identifier.medicalInstitution(TOKYO)));
            directory.organisation(jp.tsunagu.directory.OrganisationDetails.of(
                    jp.tsunagu.directory.OrganisationKind.HOSPITAL, "大阪北総合病院",
                    jp.tsunagu.directory.Identifier.medicalInstitution(OSAKA)));
        });
    }

    private DemoHospitalTokens() {
    }

    static String token(HttpClient http, int port, String client, String scope) throws Exception {
        String basic = Base64.getEncoder().encodeToString((client + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/oauth2/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                                + URLEncoder.encode(scope, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return BundleReader.json().readTree(response.body()).path("access_token").asString();
    }
}
