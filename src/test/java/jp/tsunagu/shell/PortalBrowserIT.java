package jp.tsunagu.shell;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import jp.tsunagu.BrowserSession;
import jp.tsunagu.Chromium;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The portal as a person meets it, in a real Chromium: sign-in through the provider's own pages,
 * each role's menu, a refused cross-role URL, logout, the language switch, and screenshots under
 * {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PortalBrowserIT {

    private static final Path SCREENSHOTS = BrowserSession.SCREENSHOTS;

    @LocalServerPort
    int port;

    private BrowserSession session;
    private BrowserContext context;
    private Page page;

    @BeforeEach
    void openDesktop() {
        open(1280, 800);
    }

    @AfterEach
    void close() {
        context.close();
    }

    @ParameterizedTest(name = "{0} signs in and sees only the {1} menu")
    @CsvSource({
            "patient.sato, patient, 佐藤 花子, patient patient/measurements patient/upload patient/download "
                    + "patient/consent patient/access-log patient/inbox",
            "dr.tanaka, clinician, 田中 健一, clinician",
            "sponsor.kobayashi, sponsor, 小林 誠, sponsor sponsor/cohort sponsor/studies sponsor/safety",
            "steward.watanabe, steward, 渡辺 裕子, steward steward/log steward/studies"})
    void eachRole_signsInThroughTheProvider_andSeesOnlyItsOwnMenu(String username, String home, String name,
            String menu) {
        signIn(username);

        assertThat(page).hasURL(Pattern.compile("/" + home + "$"));
        assertThat(page.locator("h1")).containsText(name);
        var items = page.locator("#role-menu vaadin-side-nav-item");
        String[] paths = menu.split(" ");
        assertThat(items).hasCount(paths.length);
        for (int i = 0; i < paths.length; i++) {
            assertThat(items.nth(i)).hasAttribute("path", paths[i]);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(home + "-home-1280x800.png")));
    }

    @Test
    void patient_isRefusedClinicianAndStewardPages() {
        signIn("patient.sato");
        for (String foreign : new String[] {"clinician", "steward", "sponsor"}) {
            page.navigate(url("/" + foreign));
            assertThat(page.locator("#access-denied h1")).hasText("このページを表示する権限がありません");
            assertThat(page.locator("#" + foreign + "-search, #steward-review, #sponsor-cohort")).hasCount(0);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("patient-refused-1280x800.png")));
    }

    @Test
    void steward_verifiesTheAccessLogChainFromTheHomePage() {
        signIn("steward.watanabe");
        page.locator("#steward-chain-check").click();
        assertThat(page.locator("#steward-chain-result")).hasAttribute("data-intact", "true");
        assertThat(page.locator("#steward-chain-result")).containsText("改ざんはありません");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("steward-chain-1280x800.png")));
    }

    @Test
    void sessionId_changesAtLogin() {
        page.navigate(url("/"));
        assertThat(page.locator("h1")).isVisible();
        String before = sessionId();
        signIn("dr.yamamoto");
        assertThat(sessionId()).isNotEmpty().isNotEqualTo(before);
    }

    @Test
    void logout_endsThePortalAndTheProviderSession() {
        signIn("patient.suzuki");
        page.locator("#logout").click();
        page.waitForURL(Pattern.compile("^" + Pattern.quote(url("/")) + "$"));
        assertThat(page.locator("#login")).isVisible();

        page.navigate(url("/patient"));
        // The provider asks for the password again: its session ended too.
        assertThat(page).hasURL(Pattern.compile("/idp/login"));
        assertThat(page.locator("#password")).isVisible();
    }

    @Test
    void languageSwitch_isRememberedInTheBrowser_andWithTheAccount() {
        page.navigate(url("/"));
        page.locator("#language-switch").click();
        assertThat(page.locator("h1")).hasText("Your medical data, connected with your consent");
        page.navigate(url("/"));
        assertThat(page.locator("h1")).hasText("Your medical data, connected with your consent");

        signIn("patient.suzuki");
        assertThat(page.locator("h1")).hasText("Hello, 鈴木 一郎"); // the browser's choice applies
        page.locator("#language-switch").click();
        assertThat(page.locator("h1")).hasText("鈴木 一郎さん、こんにちは");
        page.locator("#language-switch").click(); // chosen while signed in: kept with the account
        assertThat(page.locator("h1")).hasText("Hello, 鈴木 一郎");
        page.locator("#logout").click();
        page.waitForURL(Pattern.compile("^" + Pattern.quote(url("/")) + "$"));
        context.close();

        open(1280, 800); // another device: no cookie, but the account remembers English
        page.navigate(url("/"));
        assertThat(page.locator("h1")).hasText("あなたの医療データを、あなたの同意でつなぐ");
        signIn("patient.suzuki");
        assertThat(page.locator("h1")).hasText("Hello, 鈴木 一郎");
        page.locator("#language-switch").click();
        assertThat(page.locator("h1")).hasText("鈴木 一郎さん、こんにちは");
    }

    @Test
    void phoneAndDesktop_screenshotsOfLandingAndPatientHome_withoutHorizontalScroll() {
        for (int[] size : new int[][] {{390, 844}, {1280, 800}}) {
            context.close();
            open(size[0], size[1]);
            String suffix = size[0] + "x" + size[1] + ".png";

            page.navigate(url("/"));
            assertThat(page.locator("#benefits")).isVisible();
            assertNoHorizontalScroll();
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("landing-" + suffix)).setFullPage(true));

            page.locator("#login").click();
            page.waitForURL(Pattern.compile("/idp/login"));
            assertNoHorizontalScroll();
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("provider-login-" + suffix)).setFullPage(true));

            submitCredentials("patient.sato");
            awaitUrl("/patient$");
            assertThat(page.locator("#patient-allergies")).isVisible();
            assertNoHorizontalScroll();
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("patient-home-" + suffix)).setFullPage(true));
        }
    }

    @Test
    void pagesAreReadableBeforeTheEngineRuns_andTheCopyGivesWayToTheLivePage() {
        // The first answer itself holds the page as plain HTML (ADR 0012): inert, in the visitor's language.
        Document landing = Jsoup.parse(context.request().get(url("/")).text());
        Element copy = landing.getElementById(FirstPaint.ID);
        assertThat(copy).isNotNull();
        assertThat(copy.selectFirst("h1").text()).isEqualTo("あなたの医療データを、あなたの同意でつなぐ");
        assertThat(copy.select(".tsunagu-benefit h3")).hasSize(4);
        assertThat(copy.select("[id]")).as("nothing in the copy answers to a live element's id").containsExactly(copy);
        assertThat(copy.select("*")).noneMatch(element -> element.tagName().contains("-"));

        // Without JavaScript at all, the heading and the benefits are there to read.
        try (var noScript = Chromium.shared().newContext(new Browser.NewContextOptions()
                .setJavaScriptEnabled(false).setViewportSize(390, 844))) {
            var plain = noScript.newPage();
            plain.navigate(url("/"));
            assertThat(plain.locator("h1")).hasText("あなたの医療データを、あなたの同意でつなぐ");
            assertThat(plain.locator(".tsunagu-benefit").first()).isVisible();
        }

        // With it, the live page replaces the copy: one heading, no copy left behind.
        page.navigate(url("/"));
        assertThat(page.locator("#benefits")).isVisible();
        assertThat(page.locator("#" + FirstPaint.ID)).hasCount(0);
        assertThat(page.locator("h1")).hasCount(1);

        // Her own page's copy travels only to her, and no cache keeps it.
        signIn("patient.sato");
        var home = context.request().get(url("/patient"));
        assertThat(home.headers().get("cache-control")).contains("no-store");
        assertThat(Jsoup.parse(home.text()).getElementById(FirstPaint.ID).selectFirst("h1").text())
                .isEqualTo("佐藤 花子さん、こんにちは");
    }

    private void signIn(String username) {
        session.signIn(username);
    }

    private void submitCredentials(String username) {
        session.submitCredentials(username);
    }

    private void awaitUrl(String pattern) {
        session.awaitUrl(pattern);
    }

    private void assertNoHorizontalScroll() {
        session.assertNoHorizontalScroll();
    }

    private String sessionId() {
        return context.cookies().stream().filter(cookie -> cookie.name.equals("JSESSIONID"))
                .map(cookie -> cookie.value).findFirst().orElse("");
    }

    private void open(int width, int height) {
        session = new BrowserSession(Chromium.shared(), port, width, height);
        context = session.context();
        page = session.page();
    }

    private String url(String path) {
        return session.url(path);
    }
}
