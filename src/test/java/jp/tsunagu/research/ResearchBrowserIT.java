package jp.tsunagu.research;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import java.util.regex.Pattern;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import jp.tsunagu.BrowserSession;
import jp.tsunagu.Chromium;
import jp.tsunagu.record.DemoAccounts;
import jp.tsunagu.research.counting.CohortIndexMaintenance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The double-blind invitation, end to end in real browsers: 佐藤 花子 (SLE) turns trial recruitment on
 * on her phone; the sponsor builds a rare-disease cohort on a desktop and sees a suppressed count, saves
 * it and registers a study; a steward approves it; the sponsor invites; she finds the invitation in her
 * inbox and accepts; the sponsor then sees her contact details and nobody else's; her access log says
 * her record was counted. Screenshots: {@code target/screenshots/research-*}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tsunagu.demo.population.patients=5", "tsunagu.demo.population.seed=11"})
@ActiveProfiles("test")
class ResearchBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CohortIndexMaintenance maintenance;

    @Test
    void sponsorCountsRegistersStudy_stewardApproves_sponsorInvites_patientAccepts_sponsorSeesOnlyHerContact()
            throws Exception {
        DemoAccounts.await(jdbc);
        maintenance.awaitIdle(java.time.Duration.ofMinutes(1));
        try (var phone = new BrowserSession(Chromium.shared(), port, 390, 844);
                var desk = new BrowserSession(Chromium.shared(), port, 1280, 800);
                var steward = new BrowserSession(Chromium.shared(), port, 1280, 800)) {
            Page patient = phone.page();
            phone.signIn("patient.sato");
            patient.navigate(phone.url("/patient/consent"));
            patient.locator("#consent-purpose-trial_recruitment input").check();
            assertThat(patient.locator("#consent-purpose-trial_recruitment input")).isChecked();

            Page sponsor = desk.page();
            desk.signIn("sponsor.kobayashi");
            sponsor.navigate(desk.url("/sponsor/cohort"));
            Locator code = sponsor.locator(".cohort-code input").first();
            code.click();
            code.fill("エリテマ");
            sponsor.locator("vaadin-combo-box-item").filter(new Locator.FilterOptions().setHasText("指定難病49"))
                    .first().click();
            sponsor.locator("#cohort-count").click();
            assertThat(sponsor.locator("#cohort-figure")).hasText("10人以下");
            assertThat(sponsor.locator("#cohort-budget")).containsText("49");
            desk.screenshot("research-01-cohort-suppressed");
            // A group of 1–10 gets no breakdown: its rows alone would say where those few live.
            sponsor.locator("#cohort-breakdown").click();
            assertThat(sponsor.locator("#cohort-result")).containsText("内訳はお出ししません");
            assertThat(sponsor.locator("#cohort-breakdown-table tbody tr")).hasCount(0);
            desk.screenshot("research-01b-breakdown-too-small");
            sponsor.locator("#cohort-save-name input").fill("SLE（指定難病49）");
            sponsor.locator("#cohort-save").click();
            assertThat(sponsor.locator("#cohort-result")).containsText("保存しました");

            // Export, a broken file refused with where and what, the exported file loaded back.
            Download export = sponsor.waitForDownload(() -> sponsor.locator("#cohort-export").click());
            String json = Files.readString(export.path());
            assertThat(CriteriaJson.read(json)).isEqualTo(new Criterion.All(java.util.List.of(
                    new Criterion.Diagnosis("M32"))));
            sponsor.locator("#cohort-import input[type=file]").setInputFiles(new FilePayload("broken.json",
                    "application/json", json.replace("\"M32\"", "\"全身性\"").getBytes(StandardCharsets.UTF_8)));
            assertThat(sponsor.locator("#cohort-error")).containsText("/definition/all/0/diagnosis");
            assertThat(sponsor.locator("#cohort-error")).containsText("形が正しくありません");
            sponsor.locator(".cohort-add-criterion").first().click();
            assertThat(sponsor.locator(".cohort-row")).hasCount(2);
            sponsor.locator("#cohort-import input[type=file]").setInputFiles(new FilePayload("sle.json",
                    "application/json", json.getBytes(StandardCharsets.UTF_8)));
            assertThat(sponsor.locator("#cohort-result")).containsText("読み込みました");
            assertThat(sponsor.locator(".cohort-row")).hasCount(1);
            assertThat(sponsor.locator(".cohort-code input").first()).hasValue("指定難病49 全身性エリテマトーデス（M32）");

            sponsor.navigate(desk.url("/sponsor/studies"));
            sponsor.locator("#study-title input").fill("SLE 新規治療薬の第III相試験");
            sponsor.locator("#study-summary textarea").fill("全身性エリテマトーデスの方を対象に、新しい飲み薬の効果と安全性を調べます。");
            sponsor.locator("#study-sites textarea").fill("東京中央病院 膠原病内科");
            sponsor.locator("#study-contact input").fill("あおば製薬 臨床開発部 03-0000-0001");
            sponsor.locator("#study-criteria").click();
            sponsor.locator("vaadin-select-item[role=option]:visible")
                    .filter(new Locator.FilterOptions().setHasText("SLE（指定難病49）")).click();
            sponsor.locator("#study-register").click();
            assertThat(sponsor.locator("#studies .study-submitted")).containsText("審査中");
            desk.screenshot("research-02-study-submitted");

            Page stewardPage = steward.page();
            steward.signIn("steward.watanabe");
            stewardPage.navigate(steward.url("/steward/studies"));
            Locator pending = stewardPage.locator(".pending-study")
                    .filter(new Locator.FilterOptions().setHasText("SLE 新規治療薬"));
            assertThat(pending).containsText("全身性エリテマトーデス（M32）の病名");
            assertThat(stewardPage.locator("#steward-queries")).containsText("あおば製薬");
            steward.screenshot("research-03-steward-review");
            pending.locator(".study-approve").click();
            assertThat(stewardPage.locator("#steward-studies")).containsText("審査待ちの試験はありません");

            sponsor.navigate(desk.url("/sponsor/studies"));
            Locator study = sponsor.locator("#studies .study-approved");
            assertThat(study).containsText("承認済み");
            // Asked first, in words: the figure already shown (rounded), no names, final. Cancelling sends nothing.
            study.locator(".study-invite").click();
            Locator confirmText = sponsor.locator("#study-invite-confirm-text");
            assertThat(confirmText).containsText("対象者数の確認でお見せした人数は 10人以下 です");
            assertThat(confirmText).containsText("名前や連絡先は、あなたには伝わりません");
            assertThat(confirmText).containsText("取り消せません");
            assertThat(sponsor.locator("vaadin-button[slot=confirm-button]:visible")).hasText("送信する");
            desk.screenshot("research-06a-invite-confirm");
            sponsor.locator("vaadin-button[slot=cancel-button]:visible").click();
            assertThat(confirmText).hasCount(0);
            assertThat(jdbc.sql("select count(*) from research_invitation").query(Long.class).single()).isZero();
            assertThat(study.locator(".study-outcome")).not().containsText("招待を送りました");
            study.locator(".study-invite").click();
            assertThat(sponsor.locator("vaadin-button[slot=confirm-button]:visible")).hasText("送信する");
            sponsor.locator("vaadin-button[slot=confirm-button]:visible").click();
            assertThat(study.locator(".study-outcome")).containsText("新たに 10人以下 に招待を送りました");
            assertThat(jdbc.sql("select count(*) from research_invitation").query(Long.class).single()).isPositive();

            patient.navigate(phone.url("/patient/inbox"));
            Locator invitation = patient.locator("#inbox .tsunagu-item")
                    .filter(new Locator.FilterOptions().setHasText("治験へのお誘い"));
            assertThat(invitation).containsText("あおば製薬株式会社 から試験「SLE 新規治療薬の第III相試験」");
            phone.screenshot("research-04-inbox");
            invitation.locator(".inbox-invitation").click();
            assertThat(patient.locator("#invitation-title")).hasText("SLE 新規治療薬の第III相試験");
            assertThat(patient.locator("#invitation-accept")).isDisabled();
            phone.assertNoHorizontalScroll();
            phone.screenshot("research-05-invitation");
            patient.locator("#invitation-share input").check();
            patient.locator("#invitation-accept").click();
            assertThat(patient.locator("#invitation-answer")).containsText("参加希望をお伝えしました");
            // No longer "nobody knows who you are": what the sponsor was given, and when.
            assertThat(patient.locator("#invitation-why")).not().containsText("伝わっていません");
            assertThat(patient.locator("#invitation-why")).containsText("あおば製薬株式会社 にお伝えしました");
            Locator given = patient.locator("#invitation-handed-over");
            assertThat(given).containsText(Pattern.compile("\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2} に、次の情報を あおば製薬株式会社 に伝えました"));
            assertThat(given).containsText("氏名: 佐藤 花子");
            assertThat(given).containsText("電話番号: ");
            assertThat(given).containsText("メールアドレス: ");
            assertThat(patient.locator("#invitation-withdraw")).isVisible();
            phone.assertNoHorizontalScroll();
            phone.screenshot("research-06-accepted");
            jp.tsunagu.consent.NoInternalCodes.assertNoneOn(patient, "the accepted invitation");

            sponsor.navigate(desk.url("/sponsor/studies"));
            study = sponsor.locator("#studies .study-approved");
            study.locator(".study-answers").click();
            assertThat(study.locator(".study-contact")).hasCount(1);
            assertThat(study.locator(".study-contact")).containsText("佐藤 花子");
            assertThat(study.locator(".study-responses")).not().containsText("鈴木");
            desk.screenshot("research-07-contacts");

            // The same contacts as a file: BOM, header in the screen's language, exactly her; logged once for her.
            Locator csvLink = study.locator(".study-contacts-csv");
            Download csv = sponsor.waitForDownload(() -> csvLink.click());
            assertThat(csv.suggestedFilename()).matches("study-[0-9a-f]{8}-contacts-\\d{4}-\\d{2}-\\d{2}\\.csv");
            String[] lines = csvLines(Files.readAllBytes(csv.path()));
            assertThat(lines).hasSize(2);
            assertThat(lines[0]).isEqualTo("\"氏名\",\"電話番号\",\"メールアドレス\",\"参加希望の日時\"");
            assertThat(lines[1]).startsWith("\"佐藤 花子\",");
            java.util.UUID sato = jdbc.sql("""
                            select patient_id from research_invitation where status = 'ACCEPTED'""")
                    .query(java.util.UUID.class).single();
            assertThat(jdbc.sql("""
                            select patient_id from audit_access_log where reason = 'invitation-contact-file'
                            and action = 'READ' and purpose = 'TRIAL_RECRUITMENT'""")
                    .query(java.util.UUID.class).list()).containsExactly(sato);

            // She withdraws: asked first, told honestly that what was given cannot be recalled; the sponsor's list
            // no longer has her.
            patient.locator("#invitation-withdraw").click();
            assertThat(patient.locator("vaadin-button[slot=confirm-button]:visible")).hasText("取り下げる");
            patient.locator("vaadin-button[slot=confirm-button]:visible").click();
            assertThat(patient.locator("#invitation-withdrawn")).containsText("参加希望を取り下げました");
            assertThat(patient.locator("#invitation-withdrawn")).containsText("取り消せない");
            assertThat(patient.locator("#invitation-withdraw")).hasCount(0);
            phone.screenshot("research-07b-withdrawn");
            sponsor.navigate(desk.url("/sponsor/studies"));
            study = sponsor.locator("#studies .study-approved");
            study.locator(".study-answers").click();
            assertThat(study.locator(".study-responses")).isVisible();
            assertThat(study.locator(".study-contact")).hasCount(0);
            // Withdrawn: no longer in the file, and a file without her logs nothing more about her.
            Download after = sponsor.waitForDownload(() -> sponsor.locator("#studies .study-approved .study-contacts-csv")
                    .click());
            assertThat(csvLines(Files.readAllBytes(after.path()))).hasSize(1);
            assertThat(jdbc.sql("select count(*) from audit_access_log where reason = 'invitation-contact-file'")
                    .query(Long.class).single()).isEqualTo(1L);

            patient.navigate(phone.url("/patient/access-log"));
            assertThat(patient.locator("#access-log-counted")).containsText("治験の対象者数の確認で数えられました");
            assertThat(patient.locator("#access-log-counted")).containsText("あおば製薬株式会社");
            assertThat(patient.locator("#access-log")).containsText("治験への参加希望（連絡先を提供）");
            assertThat(patient.locator("#access-log")).containsText("治験依頼者");
            assertThat(patient.locator("#access-log"))
                    .containsText("治験の依頼者が、あなたの連絡先（氏名・電話・メール）を画面で見ました");
            assertThat(patient.locator("#access-log"))
                    .containsText("治験の依頼者が、あなたの連絡先（氏名・電話・メール）をファイル（CSV）で受け取りました");
            assertThat(patient.locator("#access-log")).containsText("治験への参加希望を取り下げ");
            assertThat(patient.locator("#access-log")).containsText("治験のお誘いを受け取る（名前は伝わりません）");
            jp.tsunagu.consent.NoInternalCodes.assertNoneOn(patient, "her access log");
            phone.assertNoHorizontalScroll();
            phone.screenshot("research-08-access-log");
        }
    }

    /** The file's lines after its UTF-8 byte-order mark, which must be there for Excel in Japan. */
    private static String[] csvLines(byte[] bytes) {
        assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).split("\r\n");
    }
}
