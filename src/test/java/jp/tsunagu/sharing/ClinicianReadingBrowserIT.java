package jp.tsunagu.sharing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

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
 * Dr. 田中 at 東京中央病院 reads what a record holds, not only its list: opens 佐藤 花子 and then 鈴木 一郎 (who
 * shares nothing: break-the-glass), sees each of his current medicines once with who prescribed it, opens the
 * referral letter and reads it section by section, scrolls to the bottom with the emergency countdown still
 * in sight, and finds both patients on the desk's list of recent ones, newest first; on a phone the countdown
 * stays in sight too. Screenshots: {@code target/screenshots/clinician-reading-*}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tsunagu.demo.population.patients=5", "tsunagu.demo.population.seed=11"})
@ActiveProfiles("test")
class ClinicianReadingBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aDoctorReadsDocumentsSectionBySection_seesEachMedicineOnce_keepsTheCountdownInSight_andReopensRecentPatients()
            throws Exception {
        DemoAccounts.await(jdbc);
        UUID sato = portalId("patient.sato");
        UUID suzuki = portalId("patient.suzuki");

        try (var desk = new BrowserSession(Chromium.shared(), port, 1280, 800)) {
            Page page = desk.page();
            desk.signIn("dr.tanaka");
            assertThat(page.locator("#recent-patients .recent-patient")).hasCount(0);
            open(page, sato);
            assertThat(page.locator("#shared-record h2")).containsText("佐藤 花子");
            open(page, suzuki);
            assertThat(page.locator("#shared-record h2")).containsText("鈴木 一郎");
            page.locator("#break-glass").click();
            assertThat(page.locator("#break-glass-detail")).isVisible();
            page.locator("#break-glass-reason").click();
            page.locator("vaadin-select-item[role=option]:visible")
                    .filter(new Locator.FilterOptions().setHasText("意識障害")).click();
            assertThat(page.locator("#break-glass-reason")).hasAttribute("has-value", "");
            page.locator("#break-glass-detail textarea").fill("胸痛で救急搬送。ステント留置歴と処方の確認のため。");
            page.locator("#break-glass-confirm").click();
            assertThat(page.locator("#emergency-banner")).isVisible(
                    new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(30_000));

            // Each current medicine once, with the hospital that prescribes it.
            Locator prescriptions = page.locator("[data-category=PRESCRIPTION]");
            Locator medicines = prescriptions.locator(".tsunagu-medicine");
            assertThat(medicines.first()).isVisible();
            List<String> names = medicines.locator(".tsunagu-item-title").allInnerTexts();
            assertThat(names).contains("ノルバスク錠5mg", "ロスバスタチン錠2.5mg「サワイ」").doesNotHaveDuplicates();
            for (int i = 0; i < medicines.count(); i++) {
                assertThat(medicines.nth(i).locator(".tsunagu-item-source")).containsText("大阪北総合病院");
            }
            assertThat(prescriptions.locator("h3").nth(1)).hasText("服用中の薬（" + names.size() + " 件）");
            prescriptions.scrollIntoViewIfNeeded();
            inView(page, "clinician-reading-00-medicines-1280x800");

            // The referral: named once, its text on the page only once opened, then section by section.
            Locator referrals = page.locator("[data-category=REFERRAL_LETTER]");
            assertThat(occurrences(referrals.innerText(), "診療情報提供書")).as("the title once").isEqualTo(1);
            assertThat(occurrences(page.locator("[data-category=DISCHARGE_SUMMARY]").innerText(), "退院時サマリー"))
                    .isEqualTo(1);
            assertThat(page.content()).doesNotContain("御侍史");
            Locator referral = referrals.locator(".tsunagu-shared-document").first();
            assertThat(referral).containsText("東京中央病院");
            referral.locator(".tsunagu-document-summary").click();
            assertThat(referral.locator(".tsunagu-document h4")).hasText(new String[] {"紹介先", "紹介元", "紹介目的",
                    "傷病名", "既往歴・家族歴", "症状経過・検査結果", "治療経過", "現在の処方", "アレルギー・副作用歴", "備考"});
            assertThat(referral.locator(".tsunagu-document p").nth(2))
                    .hasText("出張先での不安定狭心症に対しステント留置を行いました。今後の継続診療をお願いいたします。");
            assertThat(referral.locator(".tsunagu-document")).containsText("大阪北総合病院 循環器内科 御侍史");
            desk.screenshot("clinician-reading-01-referral");
            referral.scrollIntoViewIfNeeded();
            inView(page, "clinician-reading-01-referral-in-view-1280x800");

            // Far down the record, the countdown (and the allergies) are still in sight.
            page.locator("[data-category=PHR]").scrollIntoViewIfNeeded();
            assertThat(page.locator("#shared-record h2")).not().isInViewport();
            assertThat(page.locator("#emergency-banner")).isInViewport();
            assertThat(page.locator("#allergy-banner")).isInViewport();
            assertThat(page.locator("#emergency-banner").boundingBox().y).isGreaterThanOrEqualTo(0);
            desk.assertNoHorizontalScroll();
            inView(page, "clinician-reading-02-scrolled-countdown-1280x800");

            // Back on the desk: both patients, the last one opened first; reopening goes through the search.
            page.navigate(desk.url("/clinician"));
            Locator recent = page.locator("#recent-patients .recent-patient");
            assertThat(recent).hasCount(2);
            assertThat(recent.nth(0)).containsText("鈴木 一郎");
            assertThat(recent.nth(1)).containsText("佐藤 花子");
            desk.screenshot("clinician-reading-03-recent-patients");
            recent.nth(0).click();
            assertThat(page.locator("#shared-record h2")).containsText("鈴木 一郎");
            assertThat(page.locator("#emergency-banner")).isVisible();
        }

        try (var phone = new BrowserSession(Chromium.shared(), port, 390, 844)) {
            Page page = phone.page();
            phone.signIn("dr.tanaka");
            page.locator("#recent-patients .recent-patient").first().click();
            assertThat(page.locator("#emergency-banner")).isVisible();
            page.locator("[data-category=PHR]").scrollIntoViewIfNeeded();
            assertThat(page.locator("#shared-record h2")).not().isInViewport();
            assertThat(page.locator("#emergency-banner")).isInViewport();
            assertThat(page.locator("#emergency-countdown").boundingBox().height).as("the time left on one line")
                    .isLessThan(40);
            phone.assertNoHorizontalScroll();
            inView(page, "clinician-reading-04-phone-countdown-390x844");
        }
    }

    /** What the screen shows at this scroll position (the session's screenshot shows the whole page unscrolled). */
    private static void inView(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(BrowserSession.SCREENSHOTS.resolve(name + ".png")));
    }

    private void open(Page page, UUID patient) {
        page.locator("#search-portal-id input").fill(patient.toString());
        page.locator("#search-by-id").click();
    }

    private static int occurrences(String text, String word) {
        return text.split(java.util.regex.Pattern.quote(word), -1).length - 1;
    }

    private UUID portalId(String account) {
        return jdbc.sql("select id from directory_patient where account_subject = :a").param("a", account)
                .query(UUID.class).single();
    }
}
