package jp.tsunagu.consent;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

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
 * A patient on a phone shares diagnoses and labs with one hospital, checks what that hospital would see,
 * stops sharing (asked first, undone once, stopped again), turns trial invitations on and off, and finds every
 * change in the access log and the inbox in words, never codes. Screenshots:
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

            // The preview names a few of her own items in what the hospital would see, none in what it would not.
            assertThat(page.locator("#consent-preview [data-category=DIAGNOSIS] .tsunagu-preview-items"))
                    .containsText(Pattern.compile("^例: .+"));
            assertThat(page.locator("#consent-preview [data-category=PRESCRIPTION] .tsunagu-preview-items"))
                    .hasCount(0);

            // 共有をやめる asks first; "やめない" keeps the share.
            page.locator(".consent-revoke").first().click();
            assertThat(page.locator("vaadin-button[slot=confirm-button]:visible")).hasText("共有をやめる");
            phone.screenshot("consent-02a-confirm-stop");
            page.locator("vaadin-button[slot=cancel-button]:visible").click();
            assertThat(page.locator("#consent-sharing")).containsText("東京中央病院");
            assertThat(page.locator("#consent-history .tsunagu-item")).hasCount(1);

            // Confirmed, it stops; 元に戻す brings it back as a new version (the history keeps the stop).
            page.locator(".consent-revoke").first().click();
            page.locator("vaadin-button[slot=confirm-button]:visible").click();
            assertThat(page.locator("#consent-sharing")).containsText("まだどの医療機関とも共有していません");
            assertThat(page.locator("#consent-undo")).isVisible();
            phone.screenshot("consent-02b-undo-offered");
            page.locator("#consent-undo").click();
            assertThat(page.locator("#consent-sharing")).containsText("傷病名・検査");
            assertThat(page.locator("#consent-preview [data-category=DIAGNOSIS]")).hasAttribute("data-visible", "true");
            assertThat(page.locator("#consent-history .tsunagu-item")).hasCount(3);

            page.locator(".consent-revoke").first().click();
            page.locator("vaadin-button[slot=confirm-button]:visible").click();
            assertThat(page.locator("#consent-sharing")).containsText("まだどの医療機関とも共有していません");
            assertThat(page.locator("#consent-preview [data-category=DIAGNOSIS]")).hasAttribute("data-visible", "false");
            assertThat(page.locator("#consent-history .tsunagu-item")).hasCount(4);
            phone.screenshot("consent-02-revoked");

            // Trial invitations on and off read as what the switch does, never as sharing everything.
            page.locator("#consent-purpose-trial_recruitment input").check();
            assertThat(page.locator("#consent-history .tsunagu-item").first())
                    .containsText("治験のお誘いを受け取る（名前は伝わりません）");
            page.locator("#consent-purpose-trial_recruitment input").uncheck();
            assertThat(page.locator("#consent-history .tsunagu-item").first()).containsText("治験のお誘いを受け取らない");
            assertThat(page.locator("#consent-history")).not().containsText("目的ごとの利用者");
            assertThat(page.locator("#consent-history")).not().containsText("すべての情報");
            NoInternalCodes.assertNoneOn(page, "共有と同意");

            page.navigate(phone.url("/patient/access-log"));
            assertThat(page.locator("#access-log .access-consent_change")).hasCount(6);
            assertThat(page.locator("#access-log")).containsText("同意が変更されました");
            assertThat(page.locator("#access-log")).containsText("治験のお誘いを受け取る（名前は伝わりません）");
            assertThat(page.locator("#access-log")).not().containsText("すべての情報");
            phone.assertNoHorizontalScroll();
            phone.screenshot("consent-03-access-log");
            NoInternalCodes.assertNoneOn(page, "the access log");

            page.navigate(phone.url("/patient/inbox"));
            assertThat(page.locator("#inbox .tsunagu-item")).hasCount(6);
            assertThat(page.locator("#inbox")).containsText("東京中央病院");
            assertThat(page.locator("#inbox")).containsText("治験のお誘いを受け取らない");
            phone.screenshot("consent-04-inbox");
            NoInternalCodes.assertNoneOn(page, "the inbox");
        }
    }
}
