package jp.tsunagu.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jp.tsunagu.shared.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.test.context.ActiveProfiles;

/** The demo mode's doors: provider discovery, login redirects with PKCE, health, guarded services. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PortalSecurityIT {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;

    @Autowired
    AccountPreferences preferences;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        TestActors.signOut();
    }

    @Test
    void embeddedProvider_publishesItsOpenIdConfiguration() throws Exception {
        var response = get("/.well-known/openid-configuration");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"issuer\":\"http://localhost:" + port + "\"")
                .contains("\"end_session_endpoint\"")
                .contains("S256");
    }

    @Test
    void anonymousVisitor_isSentToLogin_withPkce() throws Exception {
        var protectedPage = get("/patient");
        assertThat(protectedPage.statusCode()).isEqualTo(302);
        assertThat(location(protectedPage)).endsWith("/oauth2/authorization/tsunagu");

        var start = get("/oauth2/authorization/tsunagu");
        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(location(start))
                .startsWith("http://localhost:" + port + "/oauth2/authorize?")
                .contains("response_type=code")
                .contains("code_challenge=")
                .contains("code_challenge_method=S256")
                .contains("nonce=");
    }

    @Test
    void forgedLoginCallback_endsOnAnErrorPage_notInARedirectLoop() throws Exception {
        var callback = get("/login/oauth2/code/tsunagu?code=forged&state=forged");
        assertThat(callback.statusCode()).isEqualTo(302);
        assertThat(location(callback)).endsWith("/login-failed");
        assertThat(get("/login-failed").statusCode()).isEqualTo(200);
    }

    @Test
    void publicPages_needNoLogin() throws Exception {
        assertThat(get("/").statusCode()).isEqualTo(200);
        assertThat(get("/idp/login").body()).contains("patient.sato").contains("tsunagu-demo");
    }

    @Test
    void health_exposesLivenessAndReadiness_andNothingElseOfActuator() throws Exception {
        assertThat(get("/actuator/health/liveness").body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(get("/actuator/health/readiness").body()).isEqualTo("{\"status\":\"UP\"}");
        for (String hidden : new String[] {"/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump"}) {
            assertThat(get(hidden).statusCode()).as(hidden).isNotEqualTo(200);
        }
    }

    @Test
    void serviceMethods_refuseAnonymousCallers() {
        assertThatThrownBy(() -> preferences.language()).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> preferences.chooseLanguage(Language.EN))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void languageChoice_isKeptWithTheAccountInPostgres() {
        TestActors.signIn("it-patient-lang", "試験 太郎", Role.PATIENT);
        assertThat(preferences.language()).isEmpty();

        preferences.chooseLanguage(Language.EN);
        preferences.chooseLanguage(Language.JA);
        preferences.chooseLanguage(Language.EN);

        assertThat(preferences.language()).contains(Language.EN);
        assertThat(jdbc.sql("select count(*) from identity_account_preference where subject = 'it-patient-lang'")
                .query(Integer.class).single()).isEqualTo(1);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }
}
