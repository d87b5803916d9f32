package jp.tsunagu.consent;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import jp.tsunagu.BrowserSession;
import jp.tsunagu.Chromium;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.identity.Role;
import jp.tsunagu.identity.TestActors;
import jp.tsunagu.record.RecordCategory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 17, "the access log and notices alarm instead of reassure", in real browsers. 佐藤 花子 shares
 * allergies, diagnoses and labs with 東京中央病院; Dr 田中 opens her record once: her log shows one row with
 * what he saw and, calmly, what was not shown. He opens 鈴木 一郎's record by break-the-glass: 鈴木's notice says
 * until when and what was read, he objects in one tap (twice adds nothing), the steward's queue shows the
 * objection, and after the verdict the notice shows it. No page shows an internal code. Screenshots:
 * {@code target/screenshots/notices-*}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tsunagu.demo.population.patients=5", "tsunagu.demo.population.seed=11"})
@ActiveProfiles("test")
class NoticesBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MyConsent consent;
    @Autowired
    Directory directory;

    @Test
    void oneAccessIsOneRow_theEmergencyNoticeSaysUntilWhenAndTakesAnObjection_andNoCodeReachesAnyone() throws Exception {
        DemoSharing.satoSharesWithTokyo(jdbc, directory, consent, EnumSet.of(RecordCategory.DRUG_ALLERGY,
                RecordCategory.OTHER_ALLERGY, RecordCategory.DIAGNOSIS, RecordCategory.LAB));
        UUID sato = portalId("patient.sato");
        UUID suzuki = portalId("patient.suzuki");

        try (var desk = new BrowserSession(Chromium.shared(), port, 1280, 800)) {
            Page page = desk.page();
            desk.signIn("dr.tanaka");
            page.locator("#search-portal-id input").fill(sato.toString());
            page.locator("#search-by-id").click();
            assertThat(page.locator("#shared-record h2")).containsText("佐藤 花子");
            assertThat(page.locator("[data-category=PRESCRIPTION]")).hasAttribute("data-shared", "false");

            page.locator("#search-portal-id input").fill(suzuki.toString());
            page.locator("#search-by-id").click();
            assertThat(page.locator("#shared-record h2")).containsText("鈴木 一郎");
            page.locator("#break-glass").click();
            page.locator("#break-glass-reason").click();
            page.locator("vaadin-select-item[role=option]:visible")
                    .filter(new Locator.FilterOptions().setHasText("意識障害")).click();
            page.locator("#break-glass-detail textarea").fill("救急搬送、意識レベル低下。処方の確認のため。");
            page.locator("#break-glass-confirm").click();
            assertThat(page.locator("#emergency-banner")).isVisible();
            assertThat(page.locator("[data-category=PRESCRIPTION]")).hasAttribute("data-shared", "true");
        }

        // One clinician access is exactly one row in her log: what was seen, and in the same row what was not.
        int readRows = jdbc.sql("""
                        select count(*) from audit_access_log where patient_id = :p and action = 'READ'
                        and actor_name like '田中%'""").param("p", sato).query(Integer.class).single();
        assertThat(readRows).as("rows for one access").isEqualTo(1);
        try (var phone = new BrowserSession(Chromium.shared(), port, 390, 844)) {
            Page page = phone.page();
            phone.signIn("patient.sato");
            page.navigate(phone.url("/patient/access-log"));
            Locator reads = page.locator("#access-log .access-read");
            assertThat(reads).hasCount(1);
            assertThat(reads).containsText("閲覧されました");
            assertThat(reads).containsText("田中");
            assertThat(reads).containsText("東京中央病院");
            assertThat(reads).containsText("薬剤アレルギー等・その他アレルギー・傷病名・検査");
            assertThat(reads.locator(".access-not-shown")).containsText(Pattern.compile(
                    "^共有していない情報（処方・感染症・診療情報提供書・退院時サマリー・健康診断結果報告書・ご本人の記録）は表示されていません$"));
            assertThat(page.locator("#access-log")).not().containsText("断られ");
            phone.assertNoHorizontalScroll();
            phone.screenshot("notices-01-access-log-one-row");
            NoInternalCodes.assertNoneOn(page, "her access log");
        }

        // 鈴木's notice: until when, what was read, the review to come, and a one-tap objection.
        try (var phone = new BrowserSession(Chromium.shared(), port, 390, 844)) {
            Page page = phone.page();
            phone.signIn("patient.suzuki");
            // A request that never shows the page (a prefetch, a link preview) leaves his notices unread.
            long unread = unread("patient.suzuki");
            assertThat(unread).as("his emergency notice, unread").isPositive();
            phone.context().request().get(phone.url("/patient/inbox"));
            assertThat(unread("patient.suzuki")).isEqualTo(unread);
            page.navigate(phone.url("/patient/inbox"));
            Locator notice = page.locator("#inbox .inbox-emergency");
            assertThat(notice).hasCount(1);
            assertThat(notice).containsText("意識障害などで本人に確認できない");
            assertThat(notice.locator(".inbox-emergency-until"))
                    .containsText(Pattern.compile("閲覧できるのは \\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2} までです"));
            assertThat(notice.locator(".inbox-emergency-read")).containsText("処方");
            assertThat(notice.locator(".inbox-emergency-verdict")).containsText("データ管理者が");
            NoInternalCodes.assertNoneOn(page, "his inbox");
            long shownAt = System.nanoTime();
            while (unread("patient.suzuki") > 0 && System.nanoTime() - shownAt < 10_000_000_000L) {
                page.waitForTimeout(100);
            }
            assertThat(unread("patient.suzuki")).as("read once his browser has shown them").isZero();
            phone.assertNoHorizontalScroll();
            phone.screenshot("notices-02-emergency-notice");
            notice.locator(".inbox-emergency-object").click();
            assertThat(notice.locator(".inbox-emergency-objected")).hasText("異議をデータ管理者に伝えました。");
            assertThat(notice.locator(".inbox-emergency-object")).isHidden();
            phone.screenshot("notices-03-objected");
            page.reload();
            assertThat(page.locator("#inbox .inbox-emergency .inbox-emergency-objected"))
                    .containsText("に異議をデータ管理者に伝えました");
            assertThat(page.locator("#inbox .inbox-emergency .inbox-emergency-object")).isHidden();
        }
        UUID event = jdbc.sql("select id from consent_emergency_access where patient_id = :p").param("p", suzuki)
                .query(UUID.class).single();
        TestActors.signIn("patient.suzuki", "鈴木 一郎", Role.PATIENT);
        try {
            assertThat(consent.objectToEmergency(event)).as("a second objection").isFalse();
        } finally {
            TestActors.signOut();
        }
        assertThat(jdbc.sql("select count(*) from consent_emergency_objection where emergency_id = :e")
                .param("e", event).query(Integer.class).single()).isEqualTo(1);

        try (var steward = new BrowserSession(Chromium.shared(), port, 1280, 800)) {
            Page page = steward.page();
            steward.signIn("steward.watanabe");
            Locator review = page.locator("#steward-review-queue .tsunagu-review")
                    .filter(new Locator.FilterOptions().setHasText("処方の確認のため"));
            assertThat(review).hasCount(1);
            assertThat(review).containsText("ご本人から異議が届いています");
            steward.screenshot("notices-04-steward-queue-objection");
            review.locator(".review-comment input").fill("救急外来の受診記録と一致");
            review.locator(".review-justified").click();
            assertThat(page.locator("#steward-review-queue")).containsText("確認待ちの救急時閲覧はありません");

            page.navigate(steward.url("/steward/log"));
            page.locator("#log-patient input").fill(suzuki.toString());
            page.locator("#log-search").click();
            Locator results = page.locator("#log-results");
            assertThat(results).containsText("意識障害などで本人に確認できない：救急搬送、意識レベル低下。");
            assertThat(results).containsText("妥当と判断：救急外来の受診記録と一致");
            assertThat(results).containsText("ご本人が救急時の閲覧に異議を申し立て");
            assertThat(results).containsText("東京中央病院");
            steward.assertNoHorizontalScroll();
            steward.screenshot("notices-05-steward-log");
            NoInternalCodes.assertNoneOn(page, "the steward's log");

            page.locator("#log-patient input").fill(sato.toString());
            page.locator("#log-search").click();
            assertThat(page.locator("#log-results .log-not-shown")).hasCount(1);
            NoInternalCodes.assertNoneOn(page, "the steward's log of her");
        }

        try (var phone = new BrowserSession(Chromium.shared(), port, 390, 844)) {
            Page page = phone.page();
            phone.signIn("patient.suzuki");
            page.navigate(phone.url("/patient/inbox"));
            assertThat(page.locator("#inbox .inbox-emergency .inbox-emergency-verdict"))
                    .containsText("妥当と判断されました");
            phone.screenshot("notices-06-verdict");
            page.navigate(phone.url("/patient/access-log"));
            assertThat(page.locator("#access-log")).containsText("救急時の閲覧に異議を伝えました");
            NoInternalCodes.assertNoneOn(page, "his access log");
        }
    }

    private long unread(String account) {
        return jdbc.sql("""
                        select count(*) from consent_inbox i join directory_patient p on p.id = i.patient_id
                        where p.account_subject = :account and not i.read""")
                .param("account", account).query(Long.class).single();
    }

    private UUID portalId(String account) {
        return DemoSharing.portalId(jdbc, account);
    }
}
