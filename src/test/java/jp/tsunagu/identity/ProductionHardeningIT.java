package jp.tsunagu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jp.tsunagu.TsunaguApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The production mode against a hostile client and a careless operator: forged forwarded headers are
 * ignored, API tokens for another audience (or an ID token) are refused, the session cookie is
 * {@code __Host-} and {@code Secure}, HSTS is sent; and a start with demo settings or a superuser
 * connection is refused with a message that says what to set.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tsunagu.mode=production",
        "tsunagu.identity.client-secret=a-real-secret",
        "tsunagu.identity.public-url=https://portal.example.jp",
        "tsunagu.identity.roles-claim=realm_access.roles"})
class ProductionHardeningIT {

    private static final EmbeddedPostgres DATABASE = ProductionDatabases.start();
    private static final Path KEY_FILE = ProductionDatabases.keyFile();
    private static final TestIssuer ISSUER = TestIssuer.start();

    @DynamicPropertySource
    static void production(DynamicPropertyRegistry registry) {
        production().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** What an operator sets, per the README. */
    static Map<String, String> production() {
        Map<String, String> settings = new HashMap<>();
        settings.put("spring.datasource.url", "jdbc:postgresql://localhost:" + DATABASE.getPort() + "/tsunagu");
        settings.put("spring.datasource.username", "tsunagu_portal");
        settings.put("spring.datasource.password", "");
        settings.put("tsunagu.database.owner.username", "tsunagu_owner");
        settings.put("tsunagu.audit.key-file", KEY_FILE.toString());
        settings.put("tsunagu.audit.checkpoint-directory", KEY_FILE.resolveSibling("checkpoints").toString());
        settings.put("tsunagu.identity.issuer-uri", ISSUER.issuer());
        return settings;
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aForgedForwardedHost_isIgnored() throws Exception {
        var metadata = get("/.well-known/oauth-protected-resource/fhir", "X-Forwarded-Host", "evil.example");
        assertThat(metadata.body()).doesNotContain("evil.example");
        var redirect = get("/steward", "X-Forwarded-Host", "evil.example");
        assertThat(redirect.headers().allValues("Location")).noneMatch(l -> l.contains("evil.example"));
        var proto = get("/steward", "X-Forwarded-Proto", "https");
        assertThat(proto.headers().allValues("Location")).noneMatch(l -> l.startsWith("https://localhost"));
    }

    @Test
    void apiTokens_forAnotherAudience_orNotTypedAsAccessTokens_areRefused() throws Exception {
        assertThat(postFhir(ISSUER.token("another-service", "at+jwt")).statusCode()).isEqualTo(401);
        assertThat(postFhir(ISSUER.token("tsunagu-portal", "JWT")).statusCode()).as("an ID token's audience")
                .isEqualTo(401);
        assertThat(postFhir(ISSUER.token("tsunagu-api", "id_token+jwt")).statusCode()).isEqualTo(401);
        assertThat(postFhir(ISSUER.token("tsunagu-api", "at+jwt")).statusCode()).as("the right token passes the door")
                .isNotEqualTo(401);
    }

    @Test
    void theSessionCookie_isHostOnlyAndSecure_andHstsIsSent() throws Exception {
        var response = get("/steward", "Accept", "text/html");
        assertThat(response.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("__Host-TSUNAGU_SESSION=").contains("Secure").contains("HttpOnly").contains("Path=/"));
        assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                hsts -> assertThat(hsts).contains("max-age="));
    }

    @Test
    void productionRefusesDemoSettings_andASuperuserConnection() {
        Map<String, String> demoSecret = production();
        demoSecret.put("tsunagu.identity.client-secret", "tsunagu-demo");
        assertThat(refusal(demoSecret)).contains("published demo secret");

        Map<String, String> plainHttp = production();
        plainHttp.put("tsunagu.identity.public-url", "http://portal.example.jp");
        assertThat(refusal(plainHttp)).contains("https address");

        Map<String, String> superuser = production();
        superuser.put("spring.datasource.username", "postgres");
        assertThat(refusal(superuser)).contains("a superuser");

        Map<String, String> noKey = production();
        noKey.put("tsunagu.audit.key-file", KEY_FILE.resolveSibling("missing.key").toString());
        assertThat(refusal(noKey)).contains("key file");
    }

    private String refusal(Map<String, String> settings) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.put("tsunagu.mode", "production");
        properties.put("server.port", "0");
        properties.put("tsunagu.identity.roles-claim", "realm_access.roles");
        properties.putIfAbsent("tsunagu.identity.client-secret", "a-real-secret");
        properties.putIfAbsent("tsunagu.identity.public-url", "https://portal.example.jp");
        // As command-line arguments: they outrank application.properties, as the operator's environment does.
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        var thrown = org.assertj.core.api.Assertions.catchThrowable(() -> new SpringApplicationBuilder(
                TsunaguApplication.class).run(arguments).close());
        assertThat(thrown).as("the start is refused").isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private HttpResponse<String> postFhir(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String header, String value) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header(header, value)
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
