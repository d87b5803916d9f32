package jp.tsunagu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import jp.tsunagu.consent.DemoSharing;
import jp.tsunagu.consent.MyConsent;
import jp.tsunagu.consent.NoInternalCodes;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.shared.Language;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every route of every role, in Japanese and English, on a phone (390x844) and a desktop (1280x800),
 * checked with Deque's axe-core inside the real page (WCAG 2.1 A and AA rules): no violation of impact
 * serious or critical. Public and patient routes must also fit the width: the document's scroll width
 * equals the window's. The minor and moderate findings are written to {@code target/accessibility/}
 * so that the closing note can list what remains.
 *
 * <p>The whole matrix (every route in both languages at both sizes) runs in the {@code bench} profile
 * ({@code -Da11y.matrix=full}, about ten minutes). CI checks every route once, the language and size
 * turning from route to route (see {@link #pass}), which keeps it to a few minutes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tsunagu.demo.population.patients=5", "tsunagu.demo.population.seed=11"})
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityBrowserIT {

    private static final Path REPORTS = Path.of("target/accessibility");
    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final Set<String> BLOCKING = Set.of("serious", "critical");
    private static final int[][] VIEWPORTS = {{390, 844}, {1280, 800}};
    private static final int PASSES = 4;
    private static final boolean FULL = "full".equals(System.getProperty("a11y.matrix"));

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MyConsent consent;
    @Autowired
    Directory directory;

    private UUID sato;

    @BeforeAll
    void demoPatientsShareWithTheClinician() throws Exception {
        DemoSharing.satoSharesWithTokyo(jdbc, directory, consent, EnumSet.of(RecordCategory.DRUG_ALLERGY,
                RecordCategory.OTHER_ALLERGY, RecordCategory.DIAGNOSIS, RecordCategory.LAB, RecordCategory.PRESCRIPTION,
                RecordCategory.REFERRAL_LETTER, RecordCategory.DISCHARGE_SUMMARY));
        sato = DemoSharing.portalId(jdbc, "patient.sato");
    }

    @ParameterizedTest(name = "{0}: every route passes axe-core in ja and en, phone and desktop")
    @ValueSource(strings = {"public", "patient.sato", "dr.tanaka", "sponsor.kobayashi", "steward.watanabe"})
    void everyRoute_hasNoSeriousOrCriticalViolation(String who) throws IOException {
        List<String> blocking = new ArrayList<>();
        List<String> report = new ArrayList<>();
        boolean mustFitTheWidth = who.equals("public") || who.startsWith("patient.");
        for (int[] size : VIEWPORTS) {
            for (Language language : List.of(Language.JA, Language.EN)) {
                int pass = pass(who, size, language);
                if (!FULL && !who.startsWith("patient.") && pass >= routes(who, null).size()) {
                    continue; // a short list of routes has no route in this pass: no need to sign in
                }
                try (var session = new BrowserSession(Chromium.shared(), port, size[0], size[1])) {
                    Page page = session.page();
                    if (who.equals("public")) {
                        session.context().addCookies(List.of(new Cookie(Language.COOKIE, language.tag())
                                .setDomain("localhost").setPath("/")));
                    } else {
                        session.signIn(who);
                        speak(page, language);
                    }
                    List<String> routes = routes(who, session);
                    for (int i = 0; i < routes.size(); i++) {
                        if (!FULL && i % PASSES != pass) {
                            continue;
                        }
                        String route = routes.get(i);
                        String where = who + " " + route + " " + language.tag() + " " + size[0] + "x" + size[1];
                        open(session, route);
                        for (Rule rule : new AxeBuilder(page).withTags(WCAG).analyze().getViolations()) {
                            String line = where + ": " + rule.getImpact() + " " + rule.getId() + " — " + rule.getHelp()
                                    + " at " + rule.getNodes().stream().limit(3).map(n -> String.valueOf(n.getTarget()))
                                            .collect(Collectors.joining(", "))
                                    + " (" + rule.getNodes().get(0).getFailureSummary().replace('\n', ' ') + ")";
                            report.add(line);
                            if (BLOCKING.contains(rule.getImpact())) {
                                blocking.add(line);
                            }
                        }
                        // Issue 17: no internal code (TRIAL_RECRUITMENT, UNCONSCIOUS, …) reaches a person, on any page.
                        List<String> codes = NoInternalCodes.in(page.locator("body").innerText());
                        if (!codes.isEmpty()) {
                            blocking.add(where + ": internal codes shown " + codes);
                        }
                        if (mustFitTheWidth) {
                            Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
                            if (((Number) overflow).intValue() > 0) {
                                blocking.add(where + ": wider than the window by " + overflow + " px");
                            }
                        }
                    }
                }
            }
        }
        Files.createDirectories(REPORTS);
        Files.write(REPORTS.resolve("axe-" + who + ".txt"), report);
        assertThat(blocking).as("serious or critical accessibility violations, pages wider than the window, internal codes")
                .isEmpty();
    }

    /**
     * Which of the four passes (language x size) this is. The full matrix runs every route in every
     * pass; CI runs route i only in pass i mod 4, so each route is checked once and every language and
     * size still meets a quarter of the routes, the role's own size and Japanese coming first.
     */
    private static int pass(String who, int[] size, Language language) {
        boolean phonePerson = who.equals("public") || who.startsWith("patient.");
        boolean ownSize = phonePerson == (size[0] < 600);
        return (ownSize ? 0 : 2) + (language == Language.JA ? 0 : 1);
    }

    /** The routes a person of this role can reach, with the ids the addresses need found as a person would. */
    private List<String> routes(String who, BrowserSession session) {
        return switch (who) {
            case "public" -> List.of("/", "/benefits/quality", "/benefits/innovation", "/benefits/resources",
                    "/benefits/sustainability", "/insights/resources", "/insights/register", "/idp/login",
                    "/info/operator", "/info/privacy", "/info/terms", "/info/contact", "/info/accessibility",
                    "/info/help");
            case "patient.sato" -> {
                var routes = new ArrayList<>(List.of("/patient", "/patient/records/allergies",
                        "/patient/records/diagnoses", "/patient/records/prescriptions", "/patient/records/labs",
                        "/patient/records/documents", "/patient/records/infections", "/patient/records/visits"));
                routes.add(firstLink(session, "/patient/records/labs", "patient/item/"));
                routes.add(firstLink(session, "/patient/records/documents", "patient/item/"));
                routes.addAll(List.of("/patient/measurements", "/patient/summary", "/patient/upload",
                        "/patient/download", "/patient/consent", "/patient/access-log", "/patient/inbox",
                        "/idp/passkeys"));
                yield routes;
            }
            case "dr.tanaka" -> List.of("/clinician", "/clinician#shared-record");
            case "sponsor.kobayashi" -> List.of("/sponsor", "/sponsor/cohort", "/sponsor/studies", "/sponsor/safety");
            case "steward.watanabe" -> List.of("/steward", "/steward/log", "/steward/studies");
            default -> throw new IllegalArgumentException(who);
        };
    }

    /** Opens a route and waits until the view has drawn its heading (Vaadin renders after the first round trip). */
    private void open(BrowserSession session, String route) {
        Page page = session.page();
        if (route.equals("/clinician#shared-record")) {
            // The shared record is the clinician's desk after a search, not an address of its own.
            page.navigate(session.url("/clinician"));
            page.locator("#search-portal-id input").fill(sato.toString());
            page.locator("#search-by-id").click();
            page.locator("#shared-record h2").waitFor();
            return;
        }
        page.navigate(session.url(route));
        page.locator("h1").first().waitFor();
        session.awaitLive();
    }

    private static String firstLink(BrowserSession session, String listRoute, String target) {
        Page page = session.page();
        page.navigate(session.url(listRoute));
        var link = page.locator("a[href*='" + target + "']").first();
        link.waitFor();
        return "/" + link.getAttribute("href").replaceFirst("^/", "");
    }

    /** The language switch names the other language; a signed-in person's choice is kept with the account. */
    private static void speak(Page page, Language language) {
        var other = page.locator("#language-switch");
        if (language.tag().equals(other.getAttribute("lang"))) {
            other.click();
            page.waitForCondition(() -> !language.tag().equals(page.locator("#language-switch").getAttribute("lang")));
        }
    }
}
