package jp.tsunagu.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.regex.Pattern;

import jp.tsunagu.BrowserSession;
import jp.tsunagu.Chromium;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The data steward enrols an authenticator app on her first sign-in (the test reads the key from the
 * page and computes the codes, as the app would), then signs in with password and code; a wrong code
 * is refused and a code is never accepted twice. Screenshots: {@code target/screenshots/second-factor-*}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SecondFactorBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theStewardEnrolsTotp_thenSignsInWithIt_andAWrongCodeIsRefused() {
        // A steward who has not enrolled yet (the demo's come enrolled).
        jdbc.sql("delete from identity_second_factor where username = 'steward.watanabe'").update();
        try (var desk = new BrowserSession(Chromium.shared(), port, 1280, 800)) {
            var page = desk.page();
            page.navigate(desk.url("/"));
            page.locator("#login").click();
            page.waitForURL(Pattern.compile("/idp/login"));
            password(desk);
            desk.awaitUrl("/idp/enrol$");
            assertThat(page.locator("#totp-link")).hasAttribute("href", Pattern.compile("^otpauth://totp/.*secret="));
            String secret = page.locator("#totp-secret").innerText().replace(" ", "").strip();
            desk.screenshot("second-factor-enrol");
            long enrolStep = Totp.stepAt(Instant.now());
            page.locator("#code").fill(Totp.code(secret, enrolStep));
            page.locator("button[type=submit]").click();
            desk.awaitUrl("/steward$");
            assertThat(jdbc.sql("select totp_secret from identity_second_factor where username = 'steward.watanabe'")
                    .query(String.class).single()).isEqualTo(secret);

            page.locator("#logout").click();
            page.waitForURL(url -> !url.contains("/steward"));
            page.navigate(desk.url("/"));
            page.locator("#login").click();
            page.waitForURL(Pattern.compile("/idp/login"));
            password(desk);
            desk.awaitUrl("/idp/second-factor$");
            page.locator("#code").fill(Totp.code(secret, enrolStep));
            page.locator("button[type=submit]").click();
            assertThat(page.locator("[role=alert]")).containsText("正しくない");
            desk.screenshot("second-factor-wrong-code");
            long next = Math.max(Totp.stepAt(Instant.now()), enrolStep + 1);
            page.locator("#code").fill(Totp.code(secret, next));
            page.locator("button[type=submit]").click();
            desk.awaitUrl("/steward$");
        }
    }

    private static void password(BrowserSession desk) {
        desk.page().locator("#username").fill("steward.watanabe");
        desk.page().locator("#password").fill(BrowserSession.DEMO_PASSWORD);
        desk.page().locator("button[type=submit]").click();
    }
}
