package jp.tsunagu.record;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.UUID;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import jp.tsunagu.BrowserSession;
import jp.tsunagu.Chromium;
import jp.tsunagu.fhir.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A demo patient on a phone (390x844), in a real Chromium, through the whole round: home, a lab trend,
 * a blood-pressure reading (refused when implausible, then saved and on the chart), the referral-letter
 * fixture uploaded, the record downloaded as FHIR and as a printable summary, and another patient's item
 * asked for by its address. Screenshots of each step go to {@code target/screenshots/patient-*}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tsunagu.demo.population.patients=5", "tsunagu.demo.population.seed=11"})
@ActiveProfiles("test")
class PatientPortalBrowserIT {


    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private BrowserSession phone;
    private Page page;

    @BeforeEach
    void signInOnAPhone() throws Exception {
        DemoAccounts.await(jdbc);
        phone = new BrowserSession(Chromium.shared(), port, 390, 844);
        page = phone.page();
        phone.signIn("patient.sato");
    }

    @AfterEach
    void close() {
        phone.close();
    }

    @Test
    void patientOnAPhone_homeLabTrendMeasurementUploadAndDownload() throws Exception {
        byte[] fixture = Fixtures.referralLetter();

        // 1. Home: safety first, every item with its source.
        assertThat(page.locator("#patient-allergies")).containsText("ヨード造影剤");
        assertThat(page.locator("#patient-allergies")).containsText("要注意");
        assertThat(page.locator("#patient-allergies .tsunagu-item-source").first()).containsText("大阪北総合病院");
        assertThat(page.locator("#patient-diagnoses")).containsText("全身性エリテマトーデス");
        // The same diagnosis from two hospitals is one row naming both.
        var sle = page.locator("#patient-diagnoses .tsunagu-item").filter(new Locator.FilterOptions().setHasText("全身性エリテマトーデス"));
        assertThat(sle).hasCount(1);
        assertThat(sle.locator(".tsunagu-item-source")).containsText("大阪北総合病院");
        assertThat(sle.locator(".tsunagu-item-source")).containsText("東京中央病院");
        // マイページ starts everything: the other screens, the unread notices counted, her portal id with its QR code.
        assertThat(page.locator("#home-shortcuts a")).hasCount(3);
        assertThat(page.locator("#shortcut-consent")).hasText("共有と同意");
        assertThat(page.locator("#shortcut-access-log")).hasText("閲覧の記録");
        long unread = jdbc.sql("select count(*) from consent_inbox i join directory_patient p on p.id = i.patient_id "
                + "where p.account_subject = 'patient.sato' and not i.read").query(Long.class).single();
        if (unread > 0) {
            assertThat(page.locator("#shortcut-inbox .tsunagu-waiting")).hasText("未読 " + unread + " 件");
        } else {
            assertThat(page.locator("#shortcut-inbox .tsunagu-waiting")).hasCount(0);
        }
        String portalId = jdbc.sql("select id::text from directory_patient where account_subject = 'patient.sato'")
                .query(String.class).single();
        assertThat(page.locator("#portal-id")).hasText(portalId);
        page.locator("#portal-id-qr").click();
        assertThat(page.locator("#portal-id-qr svg.qr")).isVisible();
        phone.assertNoHorizontalScroll();
        phone.screenshot("patient-01-home");
        // All prescriptions: what she takes now apart from the past; all labs: out of range first.
        page.navigate(phone.url("/patient/records/prescriptions"));
        assertThat(page.locator("#prescriptions-current")).containsText("いま飲んでいる薬（2 件）");
        assertThat(page.locator("#prescriptions-past")).containsText("これまでの処方");
        page.navigate(phone.url("/patient/records/labs"));
        var labs = page.locator(".tsunagu-items .tsunagu-item");
        labs.first().waitFor();
        int outOfRange = page.locator(".tsunagu-items .tsunagu-item:has(.tsunagu-badge-alert)").count();
        org.assertj.core.api.Assertions.assertThat(outOfRange).isPositive();
        for (int i = 0; i < outOfRange; i++) {
            assertThat(labs.nth(i).locator(".tsunagu-badge-alert")).hasCount(1);
        }
        page.navigate(phone.url("/patient"));
        page.locator("#shortcut-inbox").click();
        phone.awaitUrl("/patient/inbox$");
        page.navigate(phone.url("/patient"));
        assertThat(page.locator("#portal-id")).hasText(portalId);
        assertThat(page.locator("#shortcut-inbox .tsunagu-waiting")).hasCount(0);

        // 2. A lab test's trend: chart with the reference band, and the same numbers as a table.
        assertThat(page.locator("#patient-labs a.tsunagu-item").first()).containsText("基準範囲外");
        page.locator("#patient-labs a").filter(new Locator.FilterOptions().setHasText("すべて見る")).click();
        phone.awaitUrl("/patient/records/labs$");
        page.locator("a.tsunagu-item").filter(new Locator.FilterOptions().setHasText("CRP")).click();
        phone.awaitUrl("/patient/item/[0-9a-f-]{36}$");
        assertThat(page.locator("h1")).hasText("CRP");
        assertThat(page.locator(".tsunagu-trend-chart svg rect.band")).hasCount(1);
        assertThat(page.locator(".tsunagu-trend-chart svg circle").first()).isVisible();
        assertThat(page.locator(".tsunagu-trend-table tbody tr").nth(3)).isVisible();
        assertThat(page.locator(".tsunagu-trend-table")).containsText("基準範囲外");
        phone.assertNoHorizontalScroll();
        phone.screenshot("patient-02-lab-trend");

        // 3. A blood-pressure reading: an implausible one is refused at its field, a real one lands on the chart.
        page.navigate(phone.url("/patient"));
        page.locator(".tsunagu-actions a").filter(new Locator.FilterOptions().setHasText("測定を記録")).click();
        phone.awaitUrl("/patient/measurements$");
        assertThat(page.locator("#phr-kinds vaadin-radio-button[checked]")).hasText("血圧");
        page.locator("#phr-value1 input").fill("13..8");
        page.locator("#phr-value2 input").fill("８８");
        page.locator("#phr-save").click();
        assertThat(page.locator("#phr-value1")).containsText("数字で入力してください");
        page.locator("#phr-value1 input").fill("1380");
        page.locator("#phr-value2 input").fill("88");
        page.locator("#phr-save").click();
        assertThat(page.locator("#phr-value1")).hasAttribute("invalid", "");
        assertThat(page.locator("#phr-value1")).containsText("50〜260 mmHg の範囲で入力してください。");
        assertThat(page.locator("#phr-entries")).not().containsText("1380");
        phone.screenshot("patient-03a-measurement-refused");

        page.locator("#phr-value1 input").fill("138");
        page.locator("#phr-save").click();
        assertThat(page.locator("#phr-entries .tsunagu-item").first()).containsText("138/88 mmHg");
        assertThat(page.locator("#phr-entries .tsunagu-item").first()).containsText("ご本人が入力");
        assertThat(page.locator("#phr-chart svg circle")).hasCount(2);
        assertThat(page.locator("#phr-chart .tsunagu-trend-table")).containsText("138");
        phone.assertNoHorizontalScroll();
        phone.screenshot("patient-03-measurement-on-chart");

        // 4. Upload: a referral letter about somebody else (田中 太郎, born 1955) is refused and stores nothing;
        //    the same letter about her is added, marked as imported by her.
        page.navigate(phone.url("/patient/upload"));
        page.locator("vaadin-upload input[type=file]").setInputFiles(
                new FilePayload("referral-letter.json", "application/json", fixture));
        // The JVM's first FHIR import warms up the parser: more than Playwright's 5 s on a busy machine.
        assertThat(page.locator("#upload-outcome[data-state=refused]")).containsText("あなたの記録ではないようです",
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        phone.assertNoHorizontalScroll();
        phone.screenshot("patient-04a-upload-not-hers");
        java.time.LocalDate birth = jdbc.sql("select birth_date from directory_patient where account_subject = "
                + "'patient.sato'").query(java.time.LocalDate.class).single();
        byte[] hers = new String(fixture, java.nio.charset.StandardCharsets.UTF_8)
                .replace("田中 太郎", "佐藤 花子").replace("\"田中\"", "\"佐藤\"").replace("\"太郎\"", "\"花子\"")
                .replace("タナカ タロウ", "サトウ ハナコ").replace("\"タナカ\"", "\"サトウ\"").replace("\"タロウ\"", "\"ハナコ\"")
                .replace("\"birthDate\": \"1955-05-04\"", "\"birthDate\": \"" + birth + "\"")
                .replace("\"birthDate\":\"1955-05-04\"", "\"birthDate\":\"" + birth + "\"")
                .replace("\"gender\": \"male\"", "\"gender\": \"female\"").replace("\"gender\":\"male\"", "\"gender\":\"female\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        page.locator("vaadin-upload input[type=file]").setInputFiles(
                new FilePayload("my-referral-letter.json", "application/json", hers));
        assertThat(page.locator("#upload-outcome[data-state=added]")).containsText("取り込みました");
        assertThat(page.locator("#upload-outcome")).containsText("傷病名: 5 件");
        assertThat(page.locator("#my-imports .my-import")).hasCount(1);
        phone.assertNoHorizontalScroll();
        phone.screenshot("patient-04-upload");
        page.navigate(phone.url("/patient/records/documents"));
        assertThat(page.locator(".tsunagu-item").filter(new Locator.FilterOptions().setHasText("ご本人が取り込み")))
                .hasCount(1);

        // 5. Download: the whole record as FHIR JSON, and the printable summary.
        page.navigate(phone.url("/patient/download"));
        assertThat(page.locator("#keep-records")).isVisible();
        phone.screenshot("patient-05-download");
        Download download = page.waitForDownload(() -> page.locator("#download-fhir").click());
        assertThat(download.suggestedFilename()).startsWith("tsunagu-record-").endsWith(".json");
        JsonNode bundle = JsonMapper.builder().build().readTree(Files.readString(download.path()));
        assertThat(bundle.path("resourceType").asString()).isEqualTo("Bundle");
        assertThat(bundle.toString()).contains("佐藤", "ヨード造影剤", "左前腕骨折", "\"value\":138");
        page.locator("#download-summary").click();
        phone.awaitUrl("/patient/summary$");
        assertThat(page.locator(".tsunagu-summary")).containsText("ヨード造影剤");
        assertThat(page.locator(".tsunagu-summary")).containsText("プレドニン");
        phone.assertNoHorizontalScroll();
        phone.screenshot("patient-06-summary");

        // 6. She withdraws the file she imported: everything it added goes.
        page.navigate(phone.url("/patient/upload"));
        page.locator("#my-imports .withdraw-import").click();
        page.locator("vaadin-button[slot=confirm-button]:visible").click();
        assertThat(page.locator("#my-imports")).containsText("まだファイルを取り込んでいません");
        page.navigate(phone.url("/patient/records/documents"));
        assertThat(page.locator(".tsunagu-item").filter(new Locator.FilterOptions().setHasText("ご本人が取り込み")))
                .hasCount(0);
    }

    @Test
    void anotherPatientsItem_byItsAddress_showsNotFoundAndNothingOfIt() {
        UUID suzukis = jdbc.sql("""
                        select i.id from record_item i join directory_patient p on p.id = i.patient_id
                        join record_diagnosis d on d.item_id = i.id
                        where p.account_subject = 'patient.suzuki' limit 1""").query(UUID.class).single();
        String hisDiagnosis = jdbc.sql("select name from record_diagnosis where item_id = :id")
                .param("id", suzukis).query(String.class).single();

        page.navigate(phone.url("/patient/item/" + suzukis));

        assertThat(page.locator("h1")).hasText("見つかりません");
        assertThat(page.locator("body")).not().containsText(hisDiagnosis);
        page.navigate(phone.url("/patient/item/not-an-id"));
        assertThat(page.locator("h1")).hasText("見つかりません");
        phone.screenshot("patient-07-not-found");
    }
}
