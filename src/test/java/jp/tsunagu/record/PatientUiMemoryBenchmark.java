package jp.tsunagu.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Heap held per open patient UI. Many people sign in through the real OIDC login (each its own HTTP
 * session) and open their home the way the browser does (Vaadin's init request builds the UI and the
 * view on the server); nobody leaves, so every session and UI stays alive. The retained heap is
 * measured after forced garbage collection before and after, and divided by the number of UIs.
 * Includes everything a signed-in user costs: HTTP session, security context, OAuth2 client, Vaadin
 * session, UI and the home page's components. Run with {@code ./mvnw -Pbench verify}; it prints the
 * figure and asserts only that each UI showed the patient's home.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tsunagu.demo.population.patients=5", "tsunagu.demo.population.seed=11",
                "logging.level.root=WARN"})
@ActiveProfiles("test")
class PatientUiMemoryBenchmark {

    private static final int WARM_UP = 20;
    private static final int UIS = 200;
    private static final Pattern SECURITY_KEY = Pattern.compile("\"Vaadin-Security-Key\":\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    /** How far each person goes: signed in only, with a UI that shows nothing yet, with the home page. */
    private enum Stage { SIGNED_IN, EMPTY_UI, HOME }

    @Test
    void retainedHeapPerOpenPatientHomeUi() throws Exception {
        DemoAccounts.await(jdbc);
        for (int i = 0; i < WARM_UP; i++) {
            open(i, Stage.HOME);
        }
        System.out.println();
        System.out.println("=== Patient UI memory benchmark (" + UIS + " people per stage, each signed in with "
                + "their own session) ===");
        Map<Stage, Double> perPerson = new java.util.EnumMap<>(Stage.class);
        Map<String, Long> homeClasses = Map.of();
        for (Stage stage : Stage.values()) {
            long before = settledHeap();
            Map<String, Long> classesBefore = histogram();
            long started = System.nanoTime();
            for (int i = 0; i < UIS; i++) {
                open(i, stage);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long after = settledHeap();
            perPerson.put(stage, (after - before) / (double) UIS / 1024);
            Map<String, Long> classesAfter = histogram();
            if (stage == Stage.HOME) {
                homeClasses = new java.util.HashMap<>();
                for (var e : classesAfter.entrySet()) {
                    homeClasses.put(e.getKey(), (e.getValue() - classesBefore.getOrDefault(e.getKey(), 0L)) / UIS);
                }
            }
            System.out.printf(Locale.ROOT, "%-9s %6.1f KB per person (heap %.1f -> %.1f MB, %.1f s)%n", stage,
                    perPerson.get(stage), before / 1048576.0, after / 1048576.0, seconds);
        }
        double ui = perPerson.get(Stage.HOME) - perPerson.get(Stage.SIGNED_IN);
        System.out.printf(Locale.ROOT, "open patient home UI: %.1f KB (Vaadin session, UI and view; the sign-in "
                + "itself costs %.1f KB more) -- target <= 120 KB; Vaadin's patient demo budgets 194-200 KB%n",
                ui, perPerson.get(Stage.SIGNED_IN));
        System.out.println("where a person with the home page open goes (bytes by class, largest first):");
        homeClasses.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %,8d  %s%n", e.getValue(), e.getKey()));
    }

    /** Bytes by class from the JVM's own diagnostic command (no attach needed), after a full collection. */
    private static Map<String, Long> histogram() throws Exception {
        Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, Long> bytes = new java.util.HashMap<>();
        Pattern line = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");
        text.toString().lines().map(line::matcher).filter(Matcher::find)
                .forEach(m -> bytes.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum));
        return bytes;
    }

    private void open(int person, Stage stage) throws Exception {
        // Closed at the end, so the clients' own buffers are not counted as the server's.
        try (HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build()) {
            open(http, person % 2 == 0 ? "patient.sato" : "patient.suzuki", stage);
        }
    }

    /** Signs in through the provider's form, then opens the patient home as the browser would. */
    private void open(HttpClient http, String username, Stage stage) throws Exception {
        HttpResponse<String> login = http.send(get("/patient"), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(login.body());
        assertThat(csrf.find()).as("the provider's login form at %s", login.uri()).isTrue();
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password=tsunagu-demo&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> home = http.send(HttpRequest.newBuilder(login.uri())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(home.uri().getPath()).isEqualTo("/patient");
        if (stage == Stage.SIGNED_IN) {
            return;
        }
        // What the Vaadin client sends first: the server creates the UI ...
        HttpResponse<String> init = http.send(get("/?v-r=init&location=patient&query=continue&v-bw=390&v-bh=844"
                + "&v-sw=390&v-sh=844&v-tzo=-540&v-rtzo=-540&v-dstd=0&v-dston=false&v-tzid=Asia%2FTokyo"
                + "&v-curdate=" + System.currentTimeMillis() + "&v-wn=bench-" + System.nanoTime()),
                HttpResponse.BodyHandlers.ofString());
        assertThat(init.statusCode()).isEqualTo(200);
        Matcher key = SECURITY_KEY.matcher(init.body());
        assertThat(key.find()).as("the UI's security key").isTrue();
        if (stage == Stage.EMPTY_UI) {
            return;
        }
        // ... and then, as its router starts, navigates to the address: the server builds the view.
        String navigate = "{\"csrfToken\":\"" + key.group(1) + "\",\"rpc\":[{\"type\":\"event\",\"node\":1,"
                + "\"event\":\"ui-navigate\",\"data\":{\"route\":\"patient\",\"query\":\"continue\","
                + "\"appShellTitle\":\"\",\"historyState\":{\"idx\":0},\"trigger\":\"\"}}],\"syncId\":0,\"clientId\":0}";
        HttpResponse<String> view = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/?v-r=uidl&v-uiId=0")).header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(navigate)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(view.body()).as("the home page's allergy card").contains("patient-allergies");
        // A moment later a browser's client syncs the layout's state (drawer closed on a phone) in a second
        // message; Vaadin keeps only the latest response for resending, so after it the page's first
        // response is gone. An empty message with the next sync id has that effect and nothing else.
        String sync = "{\"csrfToken\":\"" + key.group(1) + "\",\"rpc\":[],\"syncId\":1,\"clientId\":1}";
        HttpResponse<String> synced = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/?v-r=uidl&v-uiId=0")).header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(sync)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(synced.body()).as("the follow-up sync").contains("\"syncId\":2");
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build();
    }

    private static long settledHeap() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(300);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

}
