package jp.tsunagu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every family of route answers with the same protective headers: Vaadin pages (public, protected,
 * unknown), the provider's login, discovery and keys, the FHIR API and its errors, the health probe and
 * the static files. Only static files may be cached; the URL never carries a session id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SecurityHeadersIT {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void everyRouteFamily_carriesTheProtectiveHeaders() throws Exception {
        List<String> personal = List.of("/", "/benefits", "/patient", "/steward", "/no-such-page", "/idp/login",
                "/.well-known/openid-configuration", "/oauth2/jwks", "/fhir/metadata", "/fhir/no-such-thing",
                "/fhir/Patient", "/actuator/health", "/login-failed");
        for (String path : personal) {
            HttpResponse<String> response = get(path);
            assertProtected(path, response);
            assertThat(response.headers().firstValue("Cache-Control")).as(path).contains("no-store");
        }
        HttpResponse<String> css = get("/styles/tsunagu.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertProtected("/styles/tsunagu.css", css);
        assertThat(css.headers().firstValue("Cache-Control").orElse("")).doesNotContain("no-store");
    }

    @Test
    void everyPage_namesItsIcons_andAnyoneMayFetchThem() throws Exception {
        String landing = get("/").body();
        for (String icon : List.of("icons/favicon.svg", "icons/favicon-32.png", "icons/apple-touch-icon.png")) {
            assertThat(landing).as("the page links " + icon).contains("href=\"" + icon + "\"");
            HttpResponse<String> response = get("/" + icon);
            assertThat(response.statusCode()).as(icon).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(icon).startsWith("image/");
        }
    }

    @Test
    void theSessionLivesInACookieOnly_neverInTheUrl() throws Exception {
        HttpResponse<String> page = get("/patient");
        assertThat(page.headers().allValues("Location")).noneMatch(l -> l.toLowerCase().contains("jsessionid"));
        assertThat(get("/").body().toLowerCase()).doesNotContain(";jsessionid");
    }

    private void assertProtected(String path, HttpResponse<String> response) {
        var headers = response.headers();
        assertThat(headers.firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'").contains("frame-ancestors 'none'").contains("object-src 'none'"));
        assertThat(headers.firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
        assertThat(headers.firstValue("Referrer-Policy")).as(path).contains("no-referrer");
        assertThat(headers.firstValue("Permissions-Policy")).as(path).hasValueSatisfying(
                policy -> assertThat(policy).contains("geolocation=()"));
        assertThat(headers.allValues("X-Frame-Options")).as(path).contains("DENY");
        assertThat(headers.firstValue("Strict-Transport-Security")).as(path + ": no HSTS over the demo's http")
                .isEmpty();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }
}
