package jp.tsunagu.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import jp.tsunagu.BrowserSession;
import jp.tsunagu.Chromium;
import jp.tsunagu.record.DemoAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Step-up with the step-up window shortened to 12 seconds (10 minutes in the portal): a clinician who
 * signed in just now opens the emergency form at once; once the window has passed, break-the-glass
 * asks her to sign in again (password and code at the provider, which asks although it still knows
 * her: prompt=login), and she comes back to the same patient with the form open. A patient's
 * whole-record download asks the same. Screenshots: {@code target/screenshots/step-up-*}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tsunagu.demo.population.patients=5", "tsunagu.demo.population.seed=11",
                "tsunagu.session.step-up=12s"})
@ActiveProfiles("test")
class StepUpBrowserIT {

    private static final long WINDOW_MILLIS = 12_000;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void breakTheGlassAsksForAFreshSignInOnceTheWindowHasPassed() throws InterruptedException {
        DemoAccounts.await(jdbc);
        UUID suzuki = jdbc.sql("select id from directory_patient where account_subject = 'patient.suzuki'")
                .query(UUID.class).single();
        try (var desk = new BrowserSession(Chromium.shared(), port, 1280, 800)) {
            Page page = desk.page();
            desk.signIn("dr.tanaka");
            long signedIn = System.currentTimeMillis();
            page.locator("#search-portal-id input").fill(suzuki.toString());
            page.locator("#search-by-id").click();
            assertThat(page.locator("#shared-record h2")).containsText("鈴木 一郎");
            page.locator("#break-glass").click();
            assertThat(page.locator("#break-glass-confirm")).isVisible();
            assertThat(page.locator("#step-up")).hasCount(0);
            page.keyboard().press("Escape");

            Thread.sleep(Math.max(0, signedIn + WINDOW_MILLIS + 1_000 - System.currentTimeMillis()));
            page.locator("#break-glass").click();
            assertThat(page.locator("#step-up-start")).isVisible();
            assertThat(page.locator("#step-up")).hasAttribute("aria-label", "もう一度ログインしてください");
            assertThat(page.locator("#break-glass-confirm")).hasCount(0);
            desk.screenshot("step-up-01-asked");
            page.locator("#step-up-start").click();
            // The provider asks again although its own sign-in was still alive.
            desk.awaitUrl("/idp/login");
            desk.submitCredentials("dr.tanaka");
            desk.awaitUrl("/clinician$");
            assertThat(page.locator("#shared-record h2")).containsText("鈴木 一郎");
            assertThat(page.locator("#break-glass-confirm")).isVisible();
            page.locator("#break-glass-reason").click();
            page.locator("vaadin-select-item[role=option]:visible")
                    .filter(new Locator.FilterOptions().setHasText("意識障害")).click();
            page.locator("#break-glass-detail textarea").fill("救急搬送、意識レベル低下。");
            page.locator("#break-glass-confirm").click();
            assertThat(page.locator("#emergency-banner")).isVisible();
            desk.screenshot("step-up-02-after");
        }
        assertThat(jdbc.sql("select count(*) from consent_emergency_access where patient_id = ?").param(suzuki)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aWholeRecordDownloadAsksForAFreshSignInOnceTheWindowHasPassed() throws InterruptedException {
        DemoAccounts.await(jdbc);
        try (var phone = new BrowserSession(Chromium.shared(), port, 390, 844)) {
            Page page = phone.page();
            phone.signIn("patient.sato");
            long signedIn = System.currentTimeMillis();
            page.navigate(phone.url("/patient/download"));
            Thread.sleep(Math.max(0, signedIn + WINDOW_MILLIS + 1_000 - System.currentTimeMillis()));
            page.locator("#download-fhir").click();
            assertThat(page.locator("#step-up-start")).isVisible();
            phone.screenshot("step-up-03-download");
            // The file's own address refuses too, whatever the page shows.
            var answer = page.waitForResponse(r -> r.url().contains("/VAADIN/dynamic/"),
                    () -> page.locator("#download-fhir-file").evaluate("a => fetch(a.href)"));
            assertThat(answer.status()).isEqualTo(403);
            page.locator("#step-up-start").click();
            phone.awaitUrl("/idp/login");
            phone.submitCredentials("patient.sato");
            phone.awaitUrl("/patient/download$");
            var download = page.waitForDownload(() -> page.locator("#download-fhir").click());
            assertThat(download.suggestedFilename()).endsWith(".json");
        }
    }
}
