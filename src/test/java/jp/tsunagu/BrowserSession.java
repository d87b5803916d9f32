package jp.tsunagu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import jp.tsunagu.shell.FirstPaint;

/**
 * One person at one screen size in the real portal: signs in through the embedded provider's pages,
 * checks that nothing scrolls sideways, and saves screenshots under {@code target/screenshots/}.
 */
public final class BrowserSession implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target/screenshots");
    public static final String DEMO_PASSWORD = "tsunagu-demo";

    private final BrowserContext context;
    private final Page page;
    private final int port;
    private final int width;
    private final int height;

    public BrowserSession(Browser browser, int port, int width, int height) {
        this.port = port;
        this.width = width;
        this.height = height;
        this.context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height)
                .setLocale("ja-JP").setAcceptDownloads(true));
        this.page = context.newPage();
        page.setDefaultTimeout(20_000);
    }

    public Page page() {
        return page;
    }

    public BrowserContext context() {
        return context;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** From the landing page through the provider's login form to the role's home. */
    public void signIn(String username) {
        page.navigate(url("/"));
        page.locator("#login").click();
        page.waitForURL(Pattern.compile("/idp/login"));
        submitCredentials(username);
        awaitUrl("/(patient|clinician|sponsor|steward)$");
    }

    /**
     * The password, and for staff the second factor: the demo's staff accounts come enrolled, and the
     * demo's code page shows the code their app would show now.
     */
    public void submitCredentials(String username) {
        page.locator("#username").fill(username);
        page.locator("#password").fill(DEMO_PASSWORD);
        page.locator("button[type=submit]").click();
        page.waitForURL(url -> !url.contains("/idp/login") || url.contains("?"));
        if (page.url().contains("/idp/second-factor")) {
            String code = page.locator("#demo-code").innerText().strip();
            // Codes are single-use: a third sign-in of one account within 30 s waits for the next code.
            for (int wait = 0; !code.matches("\\d{6}") && wait < 20; wait++) {
                page.waitForTimeout(2_000);
                page.reload();
                code = page.locator("#demo-code").innerText().strip();
            }
            page.locator("#code").fill(code);
            page.locator("button[type=submit]").click();
        }
    }

    /** Waits for the address; if it never comes, says where the browser is and what it shows. */
    public void awaitUrl(String pattern) {
        try {
            page.waitForURL(Pattern.compile(pattern));
        } catch (com.microsoft.playwright.TimeoutError timeout) {
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("failed-" + System.nanoTime() + ".png")));
            throw new AssertionError("Expected " + pattern + " but the browser is at " + page.url()
                    + " showing: " + page.locator("body").innerText(), timeout);
        }
    }

    /**
     * Waits until the client engine shows the live page: the first answer's plain-HTML copy (ADR 0012) is gone.
     * What a person can click, and what the accessibility and layout checks judge, is the live page. (Pages
     * without a copy, such as the provider's, are live as they load.)
     */
    public void awaitLive() {
        page.waitForFunction("id => !document.getElementById(id)", FirstPaint.ID);
        // The engine's follow-up round trips (the layout reports its drawer and overlay state) are answered, the
        // layout's own script has run and the browser has drawn two frames since: a page printed or measured
        // earlier can still be laid out as the window-high scrolling box.
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        page.evaluate("""
                () => new Promise(done => {
                  const layout = document.querySelector('vaadin-app-layout');
                  const ready = layout ? customElements.whenDefined('vaadin-app-layout') : Promise.resolve();
                  ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));
                })""");
    }

    public void assertNoHorizontalScroll() {
        awaitLive();
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow in px on " + page.url()).isLessThanOrEqualTo(0);
    }

    /**
     * Saves the whole page as {@code name-WIDTHxHEIGHT.png}. The portal scrolls inside its layout, not
     * the document, so the viewport is stretched to the content for the picture and restored after.
     */
    public void screenshot(String name) {
        awaitLive();
        Object contentHeight = page.evaluate("() => Math.max(document.documentElement.scrollHeight, "
                + "...[...document.querySelectorAll('vaadin-app-layout, [slot], main, .tsunagu-page')]"
                + ".map(e => e.scrollHeight))");
        int tall = Math.max(height, Math.min(((Number) contentHeight).intValue() + 80, 6000));
        // The whole page from its top, even when a step scrolled the content area (opening a folded part).
        page.evaluate("() => { const l = document.querySelector('vaadin-app-layout');"
                + " const c = l && l.shadowRoot && l.shadowRoot.querySelector('[part=content]'); if (c) c.scrollTo(0, 0); }");
        page.setViewportSize(width, tall);
        page.waitForTimeout(200);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + "-" + width + "x" + height + ".png")));
        page.setViewportSize(width, height);
    }

    @Override
    public void close() {
        context.close();
    }
}
