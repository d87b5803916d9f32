package jp.tsunagu.record;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import jp.tsunagu.BrowserSession;
import jp.tsunagu.Chromium;
import jp.tsunagu.fhir.Fixtures;
import jp.tsunagu.record.PhrEntry.PhrType;
import jp.tsunagu.shared.JapanTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A patient's forms on a phone (390x844) speak her language: the date picker's calendar in Japanese
 * (2026年 12月, 日…土) and in English, dates written 2026/12/07, letters in a number field answered with
 * "数字で入力してください", every range field with its range, no "saved" left beside new errors; and an
 * upload refused or added is told in people's words, the technical detail folded away. Screenshots go
 * to {@code target/screenshots/forms-*}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tsunagu.demo.population.patients=5", "tsunagu.demo.population.seed=11"})
@ActiveProfiles("test")
class PatientFormsBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private BrowserSession phone;
    private Page page;

    @BeforeEach
    void signInOnAPhone() throws Exception {
        DemoAccounts.await(jdbc);
        // Two cores shared by several builds: a page or an import can take longer than Playwright's 5 s.
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        phone = new BrowserSession(Chromium.shared(), port, 390, 844);
        page = phone.page();
        phone.signIn("patient.sato");
    }

    @AfterEach
    void close() {
        phone.close();
    }

    @Test
    void measurements_datePickerAndNumberFields_speakJapaneseThenEnglish() {
        LocalDate today = JapanTime.dateOf(Instant.now());
        Measurements.Rule bloodPressure = Measurements.rule(PhrType.BLOOD_PRESSURE);
        for (Locale language : List.of(Locale.JAPANESE, Locale.ENGLISH)) {
            ResourceBundle texts = bundle(language);
            page.navigate(phone.url("/patient/measurements"));
            if (language == Locale.ENGLISH) {
                page.locator("#language-switch").click();
            }
            assertThat(page.locator("h1")).hasText(texts.getString("menu.measurements"));

            // The date as the portal writes it everywhere else.
            Locator date = page.locator("#phr-measured-at vaadin-date-picker input");
            assertThat(date).hasValue(JapanTime.day(today));

            // Each range field shows its range, the diastolic one too.
            for (int i = 0; i < 2; i++) {
                var range = bloodPressure.ranges().get(i);
                assertThat(page.locator(i == 0 ? "#phr-value1" : "#phr-value2")).containsText(
                        java.text.MessageFormat.format(texts.getString("phr.rangeHint"), range.min().toPlainString(),
                                range.max().toPlainString(), bloodPressure.unit().orElseThrow()));
            }

            // The calendar: this month's header and the weekdays in the page's language, from Sunday.
            date.click();
            Locator header = page.locator("vaadin-month-calendar [part~='month-header']")
                    .filter(new Locator.FilterOptions().setHasText(language == Locale.JAPANESE
                            ? today.getYear() + "年 " + today.getMonthValue() + "月"
                            : today.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH)
                                    + " " + today.getYear()));
            assertThat(header.first()).isVisible();
            List<String> weekdays = page.locator("vaadin-month-calendar").first()
                    .locator("[part~='weekday'][abbr]").allInnerTexts().stream().map(String::strip).toList();
            assertThat(weekdays).isEqualTo(language == Locale.JAPANESE ? List.of("日", "月", "火", "水", "木", "金", "土")
                    : List.of("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"));
            phone.screenshot("forms-01-date-picker-" + language.getLanguage());
            page.keyboard().press("Escape");
            page.keyboard().press("Escape");

            // A date typed as other software writes it is read, and shown the portal's way (typing needs a
            // window wider than a phone's: there the picker opens its calendar instead of a keyboard).
            page.setViewportSize(1280, 800);
            LocalDate yesterday = today.minusDays(1);
            date.fill(yesterday.format(DateTimeFormatter.ISO_LOCAL_DATE));
            date.press("Enter");
            page.keyboard().press("Escape");
            assertThat(date).hasValue(yesterday.format(DateTimeFormatter.ofPattern("yyyy/MM/dd")));
            page.setViewportSize(390, 844);

            // A saved entry's toast goes when the next entry's errors show.
            page.locator("#phr-value1 input").fill("121");
            page.locator("#phr-value2 input").fill("79");
            page.locator("#phr-save").click();
            Locator savedToast = page.locator("vaadin-notification-card")
                    .filter(new Locator.FilterOptions().setHasText(texts.getString("phr.saved")));
            assertThat(savedToast).isVisible();

            // Letters are answered at once, in the page's language, and the toast is gone.
            page.locator("#phr-value1 input").fill("abc");
            page.locator("#phr-value1 input").press("Tab");
            assertThat(page.locator("#phr-value1")).hasAttribute("invalid", "");
            assertThat(page.locator("#phr-value1")).containsText(texts.getString("form.notANumber"));
            assertThat(savedToast).hasCount(0);
            phone.assertNoHorizontalScroll();
            phone.screenshot("forms-02-not-a-number-" + language.getLanguage());
        }
        page.locator("#language-switch").click(); // back to Japanese: the choice is kept with the account
        assertThat(page.locator("h1")).hasText(bundle(Locale.JAPANESE).getString("menu.measurements"));
    }

    @Test
    void upload_brokenFileAndAddedFile_saidInPeoplesWords() throws Exception {
        ResourceBundle texts = bundle(Locale.JAPANESE);
        page.navigate(phone.url("/patient/upload"));
        page.locator("vaadin-upload input[type=file]").setInputFiles(new FilePayload("broken.json",
                "application/json", "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [{"
                        .getBytes(StandardCharsets.UTF_8)));
        Locator outcome = page.locator("#upload-outcome[data-state=refused]");
        // The first FHIR parse of a JVM loads HAPI's model (tests do not warm it up at start).
        assertThat(outcome).containsText("ファイルが壊れているか、対応していない形式です",
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        Locator details = page.locator("#upload-details");
        assertThat(details).not().hasAttribute("open", "");
        assertThat(details.locator("li").first()).not().isVisible();
        phone.assertNoHorizontalScroll();
        phone.screenshot("forms-03-upload-broken");

        // The detail is there for whoever helps her.
        details.locator("summary").click();
        assertThat(details.locator("li").first()).isVisible();
        assertThat(details.locator("li").first()).containsText("JSON");
        phone.assertNoHorizontalScroll();
        phone.screenshot("forms-04-upload-broken-details");

        // Her own referral letter: what was added, by kind of record, never FHIR type names or "resources".
        page.locator("vaadin-upload input[type=file]").setInputFiles(
                new FilePayload("my-referral-letter.json", "application/json", hers()));
        // While it is read, its line says so in Japanese (the first FHIR import of a JVM takes a while).
        assertThat(page.locator("vaadin-upload").evaluate("upload => upload.i18n.uploading.status.processing"))
                .isEqualTo(texts.getString("upload.status.processing"));
        Locator added = page.locator("#upload-outcome[data-state=added]");
        assertThat(added).containsText(texts.getString("upload.doneTitle"),
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(90_000));
        assertThat(added).containsText(texts.getString("record.category.DIAGNOSIS") + ": ");
        String shown = added.innerText();
        assertThat(shown).doesNotContain("リソース", "×", "DocumentReference", "Composition", "Bundle", "Observation");
        phone.assertNoHorizontalScroll();
        phone.screenshot("forms-05-upload-added");

        // The same file again: nothing changed, and said so.
        page.locator("vaadin-upload input[type=file]").setInputFiles(
                new FilePayload("my-referral-letter.json", "application/json", hers()));
        assertThat(added).containsText(texts.getString("upload.resentText"),
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        assertThat(added.innerText()).doesNotContain("リソース", "×");
    }

    /** The referral-letter fixture made out to 佐藤 花子 with her birth date, as PatientPortalBrowserIT does. */
    private byte[] hers() throws java.io.IOException {
        LocalDate birth = jdbc.sql("select birth_date from directory_patient where account_subject = 'patient.sato'")
                .query(LocalDate.class).single();
        return new String(Fixtures.referralLetter(), StandardCharsets.UTF_8)
                .replace("田中 太郎", "佐藤 花子").replace("\"田中\"", "\"佐藤\"").replace("\"太郎\"", "\"花子\"")
                .replace("タナカ タロウ", "サトウ ハナコ").replace("\"タナカ\"", "\"サトウ\"").replace("\"タロウ\"", "\"ハナコ\"")
                .replace("\"birthDate\": \"1955-05-04\"", "\"birthDate\": \"" + birth + "\"")
                .replace("\"birthDate\":\"1955-05-04\"", "\"birthDate\":\"" + birth + "\"")
                .replace("\"gender\": \"male\"", "\"gender\": \"female\"").replace("\"gender\":\"male\"", "\"gender\":\"female\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The portal's own texts, Japanese being the base bundle (no fallback to the JVM's locale). */
    private static ResourceBundle bundle(Locale language) {
        return ResourceBundle.getBundle("i18n/messages", language == Locale.JAPANESE ? Locale.ROOT : language,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
