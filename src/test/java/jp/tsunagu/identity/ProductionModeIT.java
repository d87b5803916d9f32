package jp.tsunagu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jp.tsunagu.shared.database.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The production path: the portal runs on a PostgreSQL it is given by URL (here a separate server
 * this test starts itself), with an external OIDC issuer, and nothing of the demo exists.
 */
// The context is closed after this class, before its database goes away (zonky's shutdown hook).
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tsunagu.mode=production",
        // Never contacted in this test: discovery happens at the first login, not at start-up.
        "tsunagu.identity.issuer-uri=https://id.example.invalid/realms/tsunagu",
        "tsunagu.identity.client-secret=not-a-real-secret",
        "tsunagu.identity.public-url=https://portal.example.jp",
        "tsunagu.identity.roles-claim=realm_access.roles"})
class ProductionModeIT {

    private static final EmbeddedPostgres EXTERNAL = startExternalServer();
    private static final java.nio.file.Path KEY_FILE = ProductionDatabases.keyFile();

    @DynamicPropertySource
    static void externalDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + EXTERNAL.getPort() + "/tsunagu");
        registry.add("spring.datasource.username", () -> "tsunagu_portal");
        registry.add("spring.datasource.password", () -> "");
        registry.add("tsunagu.database.owner.username", () -> "tsunagu_owner");
        registry.add("tsunagu.audit.key-file", () -> KEY_FILE.toString());
        registry.add("tsunagu.audit.checkpoint-directory", () -> KEY_FILE.resolveSibling("checkpoints").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Test
    void schemaIsMigratedIntoTheExternalDatabase() {
        var migrated = JdbcClient.create(EXTERNAL.getDatabase("postgres", "tsunagu"))
                .sql("select version from flyway_schema_history where success order by installed_rank")
                .query(String.class).list();
        assertThat(migrated).contains("0001");
        assertThat(jdbc.sql("select current_setting('port')").query(String.class).single())
                .isEqualTo(Integer.toString(EXTERNAL.getPort()));
    }

    @Test
    void nothingOfTheDemoRuns() throws Exception {
        assertThat(context.getBeanNamesForType(EmbeddedPostgresServer.class)).isEmpty();
        assertThat(context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
        assertThat(get("/.well-known/openid-configuration").body()).doesNotContain("\"issuer\"");
        assertThat(get("/idp/login").body()).doesNotContain("tsunagu-demo");
    }

    @Test
    void protectedPages_stillRedirectToTheOidcLogin() throws Exception {
        var response = get("/steward");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/oauth2/authorization/tsunagu"));
    }

    @Test
    void fhirApi_wantsABearerTokenOfTheExternalIssuer() throws Exception {
        var api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(get("/.well-known/oauth-protected-resource").body())
                .contains("\"authorization_servers\":[\"https://id.example.invalid/realms/tsunagu\"]");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static EmbeddedPostgres startExternalServer() {
        return ProductionDatabases.start();
    }
}
