package jp.tsunagu.consent;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

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
 * A patient on a phone shares diagnoses and labs with one hospital, checks what that hospital would see,
 * stops sharing, and finds both changes in the access log and the inbox. Screenshots:
 * {@code target/screenshots/consent-*}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tsunagu.demo.population.patients=5", "tsunagu.demo.population.seed=11"})
@ActiveProfiles("test")
class ConsentBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void patientGrantsDiagnosesAndLabs_previews_revokes_andSeesTheLog() throws Exception {
        DemoAccounts.await(jdbc);
        try (var phone = new BrowserSession(Chromium.shared(), port, 390, 844)) {
            Page page = phone.page();
            phone.signIn("patient.sato");
            page.navigate(phone.url("/patient/consent"));
            assertThat(page.locator("#consent-sharing")).containsText("まだどの医療機関とも共有していません");
            assertThat(page.locator("#consent-purpose-trial_recruitment input")).not().isChecked();
            assertThat(page.locator("#consent-purpose-research input")).isChecked();

            page.locator("#consent-grant-whom").click();
            page.locator("vaadin-select-item[role=option]:visible").filter(new Locator.FilterOptions().setHasText("東京中央病院")).click();
            page.locator("#consent-grant-what vaadin-checkbox").filter(new Locator.FilterOptions().setHasText("傷病名"))
                    .locator("input").check();
            page.locator("#consent-grant-what vaadin-checkbox").filter(new Locator.FilterOptions().setHasText("検査"))
                    .first().locator("input").check();
            page.locator("#consent-grant").click();
            assertThat(page.locator("#consent-sharing")).containsText("東京中央病院");
            assertThat(page.locator("#consent-sharing")).containsText("傷病名・検査");
            assertThat(page.locator("#consent-who-sees-what .tsunagu-item")
                    .filter(new Locator.FilterOptions().setHasText("東京中央病院"))).containsText("傷病名・検査");
            assertThat(page.locator("#consent-who-sees-what .tsunagu-item")
                    .filter(new Locator.FilterOptions().setHasText("大阪北総合病院"))).containsText("何も見えません");

            page.locator("#consent-preview-of").click();
            page.locator("vaadin-select-item[role=option]:visible").filter(new Locator.FilterOptions().setHasText("東京中央病院")).click();
            assertThat(page.locator("#consent-preview [data-category=DIAGNOSIS]")).hasAttribute("data-visible", "true");
            assertThat(page.locator("#consent-preview [data-category=LAB]")).hasAttribute("data-visible", "true");
            assertThat(page.locator("#consent-preview [data-category=PRESCRIPTION]"))
                    .hasAttribute("data-visible", "false");
            assertThat(page.locator("#consent-preview [data-category=DRUG_ALLERGY]"))
                    .hasAttribute("data-visible", "false");
            phone.assertNoHorizontalScroll();
            phone.screenshot("consent-01-granted-preview");

            page.locator(".consent-revoke").first().click();
            assertThat(page.locator("#consent-sharing")).containsText("まだどの医療機関とも共有していません");
            assertThat(page.locator("#consent-preview [data-category=DIAGNOSIS]")).hasAttribute("data-visible", "false");
            assertThat(page.locator("#consent-history .tsunagu-item")).hasCount(2);
            phone.screenshot("consent-02-revoked");

            page.navigate(phone.url("/patient/access-log"));
            assertThat(page.locator("#access-log .access-consent_change")).hasCount(2);
            assertThat(page.locator("#access-log")).containsText("同意が変更されました");
            phone.assertNoHorizontalScroll();
            phone.screenshot("consent-03-access-log");

            page.navigate(phone.url("/patient/inbox"));
            assertThat(page.locator("#inbox .tsunagu-item")).hasCount(2);
            assertThat(page.locator("#inbox")).containsText("東京中央病院");
            phone.screenshot("consent-04-inbox");
        }
    }
}
