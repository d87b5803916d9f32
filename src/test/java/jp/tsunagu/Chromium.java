package jp.tsunagu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium driven by Playwright. Playwright may not download a browser here, so it is told
 * not to and pointed at {@code /usr/bin/chromium} (or {@code TSUNAGU_CHROMIUM}). Without Chromium
 * the browser tests are skipped with the install command, except under CI, where that is a failure.
 */
public final class Chromium {

    private static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("TSUNAGU_CHROMIUM", "/usr/bin/chromium"));

    private static Browser shared;

    private Chromium() {
    }

    /**
     * One browser for all tests of this JVM (each IT class runs in its own), started on first use and
     * closed when the JVM ends; tests open their own contexts in it.
     */
    public static synchronized Browser shared() {
        if (shared == null) {
            Playwright playwright = playwright();
            shared = launch(playwright);
            Runtime.getRuntime().addShutdownHook(new Thread(playwright::close));
        }
        return shared;
    }

    public static Playwright playwright() {
        if (!Files.isExecutable(EXECUTABLE)) {
            String message = "Chromium not found at " + EXECUTABLE + ": install it with `apt-get install chromium` "
                    + "(or set TSUNAGU_CHROMIUM) to run the browser tests";
            if (System.getenv("CI") != null) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    public static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }
}
