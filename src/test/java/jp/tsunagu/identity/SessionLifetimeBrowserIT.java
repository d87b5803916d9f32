package jp.tsunagu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import com.microsoft.playwright.options.RequestOptions;
import jp.tsunagu.BrowserSession;
import jp.tsunagu.Chromium;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A clinician leaves the tab open and walks away. The tab keeps sending Vaadin heartbeats; the
 * session ends anyway at the staff idle limit (20 s here instead of 15 min), after a warning the
 * screen shows in time. Screenshot: {@code target/screenshots/idle-warning-*}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tsunagu.session.staff-idle=20s", "tsunagu.session.patient-idle=16s", "tsunagu.session.warn-before=10s",
        "vaadin.heartbeatInterval=2"})
@ActiveProfiles("test")
class SessionLifetimeBrowserIT {

    @LocalServerPort
    int port;

    @Test
    void anIdleStaffSession_endsAtItsTimeout_withHeartbeatsFlowing_afterAWarning() {
        try (var desk = new BrowserSession(Chromium.shared(), port, 1280, 800)) {
            var page = desk.page();
            desk.signIn("steward.watanabe");
            var heartbeats = new AtomicInteger();
            page.onRequest(request -> {
                if (request.url().contains("v-r=heartbeat")) {
                    heartbeats.incrementAndGet();
                }
            });
            var response = desk.context().request().get(desk.url("/steward"), RequestOptions.create().setMaxRedirects(0));
            assertThat(response.status()).as("signed in at first").isEqualTo(200);
            assertThat(response.headers()).containsKey("content-security-policy");
            assertThat(response.headers().get("cache-control")).contains("no-store");

            page.locator("#idle-warning:not([hidden])").waitFor(
                    new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(20_000));
            assertThat(page.locator("#idle-warning").innerText()).contains("まもなく自動的にログアウト");
            desk.screenshot("idle-warning");

            // Nobody presses anything: the page ends up at the login, and the old session is gone on the server.
            page.waitForURL(java.util.regex.Pattern.compile("/idp/login"),
                    new com.microsoft.playwright.Page.WaitForURLOptions().setTimeout(45_000));
            assertThat(heartbeats.get()).as("heartbeats kept flowing while idle").isGreaterThanOrEqualTo(3);
            var after = desk.context().request().get(desk.url("/steward"), RequestOptions.create().setMaxRedirects(0));
            assertThat(after.status()).isEqualTo(302);
        }
    }

    @Test
    void aPatientOnHerPhone_seesTheWarning_inJapanese_aboveEverything() {
        try (var phone = new BrowserSession(Chromium.shared(), port, 390, 844)) {
            var page = phone.page();
            phone.signIn("patient.sato");
            page.locator("#idle-warning:not([hidden])").waitFor(
                    new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(20_000));
            assertThat(page.locator("#idle-warning-stay").innerText()).isEqualTo("ログインを続ける");
            var box = page.locator("#idle-warning").boundingBox();
            assertThat(box.x + box.width).as("inside the phone's width").isLessThanOrEqualTo(390);
            assertThat(page.locator("#idle-warning-stay").boundingBox().height).as("a thumb-sized button")
                    .isGreaterThanOrEqualTo(44);
            page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions()
                    .setPath(BrowserSession.SCREENSHOTS.resolve("idle-warning-patient-390x844.png")));
        }
    }

    @Test
    void pressingStay_keepsTheSession() {
        try (var desk = new BrowserSession(Chromium.shared(), port, 1280, 800)) {
            var page = desk.page();
            desk.signIn("steward.watanabe");
            page.locator("#idle-warning:not([hidden])").waitFor(
                    new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(20_000));
            page.locator("#idle-warning-stay").click();
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#idle-warning"))
                    .isHidden();
            page.waitForTimeout(12_000);
            var response = desk.context().request().get(desk.url("/steward"), RequestOptions.create().setMaxRedirects(0));
            assertThat(response.status()).as("22 s after sign-in, 12 s after 'stay'").isEqualTo(200);
        }
    }
}
