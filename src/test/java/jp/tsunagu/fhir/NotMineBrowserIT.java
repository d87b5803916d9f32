package jp.tsunagu.fhir;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.microsoft.playwright.Page;
import jp.tsunagu.BrowserSession;
import jp.tsunagu.Chromium;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.record.DemoAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A clinic 佐藤 花子 has never been to files records under her name. On her phone she finds the notice,
 * says "これは私の記録ではありません", and the records are held back (marked on her home page); at a desk the
 * steward removes them with a note. Screenshots: {@code target/screenshots/not-mine-*}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tsunagu.demo.population.patients=5", "tsunagu.demo.population.seed=11"})
@ActiveProfiles("test")
class NotMineBrowserIT {

    /** Named by her portal-wide identifier, as an operator's import may; from a clinic new to her. */
    private static final String MISFILED = """
            {"resourceType":"Bundle","type":"collection","entry":[
             {"fullUrl":"urn:uuid:p1","resource":{"resourceType":"Patient",
               "identifier":[{"system":"https://tsunagu.jp/fhir/synthetic","value":"D0000001"}]}},
             {"fullUrl":"urn:uuid:o1","resource":{"resourceType":"Organization",
               "identifier":[{"system":"http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no","value":"1310000099"}],
               "name":"みなと内科クリニック"}},
             {"fullUrl":"urn:uuid:c1","resource":{"resourceType":"Condition","identifier":[{"system":"urn:minato:dx","value":"1"}],
               "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"K50.9"}],"text":"クローン病"},
               "subject":{"reference":"urn:uuid:p1"},"onsetDateTime":"2025-03-01"}}
            ]}""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FhirImporter importer;

    @Test
    void sheHoldsBackAClinicsRecords_onHerPhone_andTheStewardRemovesThemAtADesk() throws Exception {
        DemoAccounts.await(jdbc);
        SystemActor.run("test", () -> importer.importBundle(MISFILED.getBytes(StandardCharsets.UTF_8),
                ImportRequest.fromOperator(Optional.empty(), false)));

        try (var phone = new BrowserSession(Chromium.shared(), port, 390, 844)) {
            Page page = phone.page();
            phone.signIn("patient.sato");
            page.navigate(phone.url("/patient/inbox"));
            var notice = page.locator("#inbox .tsunagu-item").filter(new com.microsoft.playwright.Locator.FilterOptions()
                    .setHasText("みなと内科クリニック"));
            assertThat(notice).containsText("新しい医療機関から記録が届きました");
            phone.assertNoHorizontalScroll();
            phone.screenshot("not-mine-01-notice");
            notice.locator(".inbox-not-mine").click();
            page.locator("vaadin-button[slot=confirm-button]:visible").click();
            assertThat(notice).containsText("保留にしました");
            assertThat(notice.locator(".inbox-not-mine")).isHidden();
            phone.screenshot("not-mine-02-held");

            page.navigate(phone.url("/patient"));
            assertThat(page.locator("#record-heldBack")).containsText("クローン病");
            assertThat(page.locator("#record-heldBack")).containsText("保留中");
            assertThat(page.locator("#patient-diagnoses")).not().containsText("クローン病");
            phone.assertNoHorizontalScroll();
            phone.screenshot("not-mine-03-home");
        }
        assertThat(jdbc.sql("select count(*) from record_item where quarantined").query(Long.class).single())
                .isEqualTo(1);

        try (var desk = new BrowserSession(Chromium.shared(), port, 1280, 800)) {
            Page page = desk.page();
            desk.signIn("steward.watanabe");
            var queue = page.locator("#quarantine-queue .quarantine-case");
            assertThat(queue).hasCount(1);
            assertThat(queue).containsText("みなと内科クリニック");
            queue.locator(".quarantine-remove").click();
            assertThat(queue.locator("vaadin-text-area")).hasAttribute("invalid", "");
            queue.locator("vaadin-text-area textarea").fill("クリニックに確認: 同姓同名の別の患者さんの記録");
            desk.screenshot("not-mine-04-steward");
            queue.locator(".quarantine-remove").click();
            assertThat(page.locator("#quarantine-queue")).containsText("確認待ちの申し出はありません");
            desk.screenshot("not-mine-05-removed");
        }
        assertThat(jdbc.sql("select count(*) from record_item i join directory_organisation o on o.id = i.source_org_id"
                + " where o.identifier_value = '1310000099'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select state from record_quarantine").query(String.class).single()).isEqualTo("REMOVED");
    }
}
