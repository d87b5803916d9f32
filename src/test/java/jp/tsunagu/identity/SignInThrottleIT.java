package jp.tsunagu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Guessing at the embedded provider's doors: ten wrong passwords lock the account (the right one is
 * then refused with the lock message, in Japanese) until a steward unlocks it; ten wrong client secrets
 * lock the API client the same way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SignInThrottleIT {

    @LocalServerPort
    int port;

    @Autowired
    SignInLocks locks;

    @Test
    void tenWrongPasswords_thenTheRightOne_isRefusedWithTheLockMessage_untilAStewardUnlocks() throws Exception {
        HttpClient browser = browser();
        for (int attempt = 0; attempt < 10; attempt++) {
            var wrong = signIn(browser, "steward.watanabe", "guess-" + attempt);
            assertThat(wrong.headers().firstValue("Location")).as("attempt " + attempt).hasValueSatisfying(
                    location -> assertThat(location).containsAnyOf("?error", "?wait=", "?locked="));
        }
        var right = signIn(browser, "steward.watanabe", "tsunagu-demo");
        assertThat(right.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).contains("/idp/login?locked="));
        String page = get(browser, right.headers().firstValue("Location").orElseThrow()).body();
        assertThat(page).contains("一時的にロックされています").contains("データ管理者");
        try (var phone = new jp.tsunagu.BrowserSession(jp.tsunagu.Chromium.shared(), port, 390, 844)) {
            phone.page().navigate(URI.create(phone.url("/")).resolve(right.headers().firstValue("Location")
                    .orElseThrow()).toString());
            assertThat(phone.page().locator("[role=alert]").innerText()).contains("約 15 分後");
            phone.assertNoHorizontalScroll();
            phone.page().screenshot(new com.microsoft.playwright.Page.ScreenshotOptions()
                    .setPath(jp.tsunagu.BrowserSession.SCREENSHOTS.resolve("sign-in-locked-390x844.png")));
        }

        var locked = asSteward(() -> locks.locked());
        assertThat(locked).extracting(SignInLocks.Locked::who).contains("account:steward.watanabe");
        assertThat(asSteward(() -> locks.unlock("account:steward.watanabe"))).isTrue();

        var afterUnlock = signIn(browser(), "steward.watanabe", "tsunagu-demo");
        assertThat(afterUnlock.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("/idp/login"));
    }

    @Test
    void tenWrongClientSecrets_thenTheRightOne_isRefusedWithTheLockMessage() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int attempt = 0; attempt < 10; attempt++) {
            var wrong = token(http, "hospital-osaka-hokuso", "wrong-" + attempt);
            assertThat(wrong.statusCode()).as("attempt " + attempt).isIn(401, 429);
        }
        var right = token(http, "hospital-osaka-hokuso", "tsunagu-demo-hospital");
        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(right.headers().firstValue("Retry-After")).isPresent();
        assertThat(right.body()).contains("locked");
        // Another client is not affected.
        assertThat(token(http, "hospital-tokyo-chuo", "tsunagu-demo-hospital").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> token(HttpClient http, String client, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=fhir.import"))
                        .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private HttpResponse<String> get(HttpClient browser, String location) throws Exception {
        URI uri = URI.create("http://localhost:" + port).resolve(location);
        return browser.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The login form as a browser sends it: the page first (session and CSRF token), then the post. */
    private HttpResponse<String> signIn(HttpClient browser, String username, String password) throws Exception {
        String page = get(browser, "/idp/login").body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).as("the login page carries a CSRF token").isTrue();
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/idp/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <T> T asSteward(java.util.function.Supplier<T> action) {
        var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new org.springframework.security.authentication.UsernamePasswordAuthenticationToken(
                "steward", "n/a", java.util.List.of(new org.springframework.security.core.authority
                        .SimpleGrantedAuthority("ROLE_STEWARD"))));
        var previous = org.springframework.security.core.context.SecurityContextHolder.getContext();
        org.springframework.security.core.context.SecurityContextHolder.setContext(context);
        try {
            return action.get();
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.setContext(previous);
        }
    }
}
