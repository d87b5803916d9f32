package jp.tsunagu.insights;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.microsoft.playwright.Page;
import jp.tsunagu.BrowserSession;
import jp.tsunagu.Chromium;
import jp.tsunagu.identity.Role;
import jp.tsunagu.identity.TestActors;
import jp.tsunagu.record.DemoAccounts;
import jp.tsunagu.research.Criterion;
import jp.tsunagu.research.StudyId;
import jp.tsunagu.research.studies.Studies;
import jp.tsunagu.research.studies.Study;
import jp.tsunagu.shared.JapanTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The public pages, anonymous, on a phone and on a desktop: the landing page, the four benefits, the
 * dashboard and the register (with one approved study on it). Every figure tile reads 0, a number of 11 or
 * more, "10人以下" or "秘匿"; nothing scrolls sideways. Screenshots: {@code target/screenshots/insights-*}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tsunagu.demo.population.patients=300", "tsunagu.demo.population.seed=17"})
@ActiveProfiles("test")
class InsightsBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Studies studies;
    @Autowired
    Insights insights;

    @Test
    void publicPages_onAPhoneAndADesktop_showProtectedLiveFigures() throws Exception {
        DemoAccounts.await(jdbc);
        while (jdbc.sql("select count(*) from directory_patient").query(Long.class).single() < 302) {
            Thread.sleep(200);
        }
        approvedStudy();
        insights.refresh().get();
        assertThat(insights.current().register()).hasSize(1);

        for (int[] size : new int[][] {{390, 844}, {1280, 800}}) {
            try (var session = new BrowserSession(Chromium.shared(), port, size[0], size[1])) {
                Page page = session.page();
                page.navigate(session.url("/"));
                assertThat(page.locator("#benefit-quality .insights-number")).isVisible();
                checkTiles(page);
                session.assertNoHorizontalScroll();
                session.screenshot("insights-01-landing");
                for (String benefit : List.of("quality", "innovation", "resources", "sustainability")) {
                    page.navigate(session.url("/benefits/" + benefit));
                    assertThat(page.locator("#benefit-title")).isVisible();
                    assertThat(page.locator("#benefit-use-cases .tsunagu-benefit")).hasCount(5);
                    checkTiles(page);
                    assertThat(page.locator("body")).not().containsText("!benefit");
                    session.assertNoHorizontalScroll();
                    session.screenshot("insights-02-" + benefit);
                }
                assertThat(page.locator("#sustainability-cost")).isVisible();
                page.navigate(session.url("/insights/resources"));
                assertThat(page.locator("#resources-title")).hasText("病床と感染症のダッシュボード");
                assertThat(page.locator("#resources-trend svg rect")).hasCount(30);
                assertThat(page.locator("#resources-prefectures tbody tr")).hasCount(47);
                checkTiles(page);
                session.assertNoHorizontalScroll();
                session.screenshot("insights-03-resources");
                page.navigate(session.url("/insights/register"));
                assertThat(page.locator("#register .register-study")).containsText("希少疾患の観察研究");
                assertThat(page.locator("#register .register-study")).containsText("本人が参加を選んだ方のみ");
                assertThat(page.locator("#register .register-study")).containsText("まだ依頼者に渡していません");
                assertThat(page.locator("#register-as-of")).containsText(JapanTime.day(insights.current().computedAt()));
                session.assertNoHorizontalScroll();
                session.screenshot("insights-04-register");
                // Every page ends with the footer of a public service; its pages answer in plain words.
                var footer = page.locator("#site-footer nav a");
                assertThat(footer).hasText(new String[] {"運営者情報", "プライバシーポリシー", "利用規約", "お問い合わせ",
                        "アクセシビリティ方針", "ヘルプ（よくある質問）"});
                footer.last().click();
                session.awaitUrl("/info/help$");
                assertThat(page.locator("#info-title")).hasText("ヘルプ（よくある質問）");
                page.locator(".tsunagu-question").first().click();
                assertThat(page.locator(".tsunagu-question").first()).containsText("マイページ");
                session.assertNoHorizontalScroll();
                session.screenshot("insights-05-help");
                page.navigate(session.url("/info/privacy"));
                assertThat(page.locator("#info-title")).hasText("プライバシーポリシー");
                assertThat(page.locator("main, vaadin-app-layout")).containsText("10人以下");
                session.screenshot("insights-06-privacy");
                page.navigate(session.url("/info/nothing-here"));
                assertThat(page.locator("#info-title")).hasCount(0);
            }
        }
    }

    /**
     * Every figure tile on the page is 0, at least 11, or protected, and says what it counts: 人 for people,
     * 件 for documents, tests and invitations, 床 for beds; "10人以下" only of people, "10件以下" of things.
     */
    private static void checkTiles(Page page) {
        var tiles = page.locator(".insights-tile");
        for (int i = 0; i < tiles.count(); i++) {
            var tile = tiles.nth(i);
            String figure = tile.getAttribute("data-figure");
            String unit = figure.equals("resources.licensedBeds") ? "床"
                    : List.of("quality.documents", "innovation.queriesAnswered", "innovation.invitationsSent",
                            "innovation.invitationsAccepted", "resources.positivesLastWeek",
                            "sustainability.duplicatePrescriptions", "sustainability.duplicateTests").contains(figure)
                            ? "件" : "人";
            String text = tile.locator(".insights-value").innerText();
            if (text.equals("10" + unit + "以下") || text.equals("秘匿")) {
                assertThat(tile.locator(".insights-unit")).hasCount(0);
                continue;
            }
            assertThat(text).as(figure).doesNotContain("以下");
            assertThat(tile.locator(".insights-unit").innerText()).as(figure).isEqualTo(unit);
            long value = Long.parseLong(text.replace(",", ""));
            assertThat(value).as(text).matches(v -> v == 0 || v > 10, "0 or ≥ 11");
        }
    }

    private void approvedStudy() {
        String code = jp.tsunagu.demo.SyntheticPopulation.AOBA_PHARMA;
        TestActors.signInAt("sponsor-insights", "依頼者", Role.SPONSOR, code);
        StudyId id;
        try {
            id = studies.register(new Study.Draft("希少疾患の観察研究", "指定難病の方の経過を調べます。", "東京中央病院",
                    "あおば製薬 03-0000-0001", new Criterion.Diagnosis("M32")));
        } finally {
            TestActors.signOut();
        }
        TestActors.signIn("steward-insights", "管理者", Role.STEWARD);
        try {
            assertThat(studies.review(id, true, "")).isTrue();
        } finally {
            TestActors.signOut();
        }
    }
}
