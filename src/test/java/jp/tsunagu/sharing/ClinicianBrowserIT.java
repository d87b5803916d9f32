package jp.tsunagu.sharing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import jp.tsunagu.BrowserSession;
import jp.tsunagu.Chromium;
import jp.tsunagu.consent.DemoSharing;
import jp.tsunagu.consent.MyConsent;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.record.RecordCategory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A clinician at 東京中央病院 on a desktop (1280x800): finds 佐藤 花子, who shares allergies, diagnoses and
 * labs with the hospital (not her prescriptions), sees the allergy banner and a lab trend, and nothing of
 * the prescriptions reaches the page; then 鈴木 一郎, treated there but sharing nothing: break-the-glass,
 * refused without a reason, then open with its countdown; a steward reviews it. Screenshots:
 * {@code target/screenshots/clinician-*}, {@code steward-review-*}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tsunagu.demo.population.patients=5", "tsunagu.demo.population.seed=11"})
@ActiveProfiles("test")
class ClinicianBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MyConsent consent;
    @Autowired
    Directory directory;

    @Test
    void clinicianSeesWhatIsShared_usesBreakTheGlassForAnUnsharedPatient_andTheStewardReviewsIt() throws Exception {
        DemoSharing.satoSharesWithTokyo(jdbc, directory, consent, EnumSet.of(RecordCategory.DRUG_ALLERGY,
                RecordCategory.OTHER_ALLERGY, RecordCategory.DIAGNOSIS, RecordCategory.LAB));
        UUID sato = portalId("patient.sato");
        UUID suzuki = portalId("patient.suzuki");

        try (var desk = new BrowserSession(Chromium.shared(), port, 1280, 800)) {
            Page page = desk.page();
            desk.signIn("dr.tanaka");
            // Everything the server sends to this page from now on, to check that unshared content never leaves it.
            java.util.List<com.microsoft.playwright.Response> sent = new java.util.ArrayList<>();
            page.onResponse(response -> {
                if (response.url().contains("v-r=uidl")) {
                    sent.add(response);
                }
            });
            page.locator("#search-portal-id input").fill(sato.toString());
            page.locator("#search-by-id").click();
            assertThat(page.locator("#shared-record h2")).containsText("佐藤 花子");
            assertThat(page.locator("#allergy-banner")).containsText("ヨード造影剤");
            assertThat(page.locator("[data-category=DIAGNOSIS]")).hasAttribute("data-shared", "true");
            assertThat(page.locator("[data-category=PRESCRIPTION]")).hasAttribute("data-shared", "false");
            assertThat(page.locator("[data-category=PRESCRIPTION]")).containsText("患者さんが共有していません");
            assertThat(page.content()).as("no prescription on the page").doesNotContain("プレドニン", "プラケニル");
            String everything = String.join("", sent.stream().map(com.microsoft.playwright.Response::text).toList());
            assertThat(everything).as("no prescription in any server response").contains("ヨード造影剤")
                    .doesNotContain("プレドニン", "プラケニル");
            page.locator(".lab-trend").first().click();
            assertThat(page.locator(".tsunagu-trend-chart svg").first()).isVisible();
            desk.screenshot("clinician-01-shared-record-lab-trend");
            page.keyboard().press("Escape");

            page.locator("#search-portal-id input").fill(suzuki.toString());
            page.locator("#search-by-id").click();
            assertThat(page.locator("#shared-record h2")).containsText("鈴木 一郎");
            assertThat(page.locator("#allergy-banner")).containsText("共有されていません");
            page.locator("#break-glass").click();
            page.locator("#break-glass-confirm").click();
            assertThat(page.locator("#break-glass-detail")).containsText("理由を選び、状況を説明してください。");
            page.locator("#break-glass-reason").click();
            page.locator("vaadin-select-item[role=option]:visible")
                    .filter(new Locator.FilterOptions().setHasText("意識障害")).click();
            page.locator("#break-glass-detail textarea").fill("救急搬送、意識レベル低下。既往と処方の確認のため。");
            page.locator("#break-glass-confirm").click();
            assertThat(page.locator("#emergency-banner")).isVisible();
            assertThat(page.locator("#emergency-countdown")).hasText(Pattern.compile("^(59|60):\\d\\d$"));
            assertThat(page.locator("[data-category=PRESCRIPTION]")).hasAttribute("data-shared", "true");
            desk.assertNoHorizontalScroll();
            desk.screenshot("clinician-02-break-the-glass");
        }
        try (var tablet = new BrowserSession(Chromium.shared(), port, 820, 1180)) {
            tablet.signIn("dr.tanaka");
            tablet.page().locator("#search-portal-id input").fill(sato.toString());
            tablet.page().locator("#search-by-id").click();
            assertThat(tablet.page().locator("#allergy-banner")).containsText("ヨード造影剤");
            tablet.assertNoHorizontalScroll();
            tablet.screenshot("clinician-03-tablet");
        }

        try (var steward = new BrowserSession(Chromium.shared(), port, 1280, 800)) {
            Page page = steward.page();
            steward.signIn("steward.watanabe");
            Locator review = page.locator("#steward-review-queue .tsunagu-review")
                    .filter(new Locator.FilterOptions().setHasText("救急搬送、意識レベル低下"));
            assertThat(review).hasCount(1);
            steward.screenshot("steward-review-01-pending");
            review.locator(".review-justified").click();
            assertThat(review.locator(".review-comment")).hasAttribute("invalid", "");
            review.locator(".review-comment input").fill("救急外来の受診記録と一致");
            review.locator(".review-justified").click();
            assertThat(page.locator("#steward-review-queue")).containsText("確認待ちの救急時閲覧はありません");
            steward.screenshot("steward-review-02-done");

            page.navigate(steward.url("/steward/log"));
            page.locator("#log-patient input").fill(suzuki.toString());
            page.locator("#log-search").click();
            assertThat(page.locator("#log-results")).containsText("救急で閲覧されました");
            assertThat(page.locator("#log-results")).containsText("田中 健一");
            assertThat(page.locator("#log-results .tsunagu-item").filter(new Locator.FilterOptions()
                    .setHasText(Pattern.compile("^閲覧されました・救急")))).hasCount(1);
            steward.screenshot("steward-log-search");
        }
        assertThat(jdbc.sql("select review from consent_emergency_access where detail like '救急搬送、意識レベル低下%'")
                .query(String.class).single()).isEqualTo("JUSTIFIED");

        // The patient's notice names the reason in words, never the internal code.
        try (var phone = new BrowserSession(Chromium.shared(), port, 390, 844)) {
            phone.signIn("patient.suzuki");
            phone.page().navigate(phone.url("/patient/inbox"));
            Locator notice = phone.page().locator("#inbox .tsunagu-item")
                    .filter(new Locator.FilterOptions().setHasText("救急で記録が閲覧されました"));
            assertThat(notice).containsText("意識障害などで本人に確認できない");
            assertThat(notice).not().containsText("UNCONSCIOUS");
        }
    }

    private UUID portalId(String account) {
        return DemoSharing.portalId(jdbc, account);
    }
}
