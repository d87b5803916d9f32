package jp.tsunagu.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.OrganisationDetails;
import jp.tsunagu.directory.OrganisationKind;
import jp.tsunagu.identity.SystemActor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Whatever a hospital system sends to {@code POST /fhir}, the answer is 2xx, or a 4xx whose
 * OperationOutcome names the place of every problem and after which nothing changed; never a 5xx.
 *
 * <p>Cases are seeds ({@link FuzzSeeds}) broken by {@link BundleMutator}, deterministic from
 * {@code -Dfuzz.seed} (fixed by default, so CI runs the same cases every time) and the case number.
 * {@code -Dfuzz.cases} sets how many (400 by default; the {@code bench} profile runs thousands);
 * {@code -Dfuzz.case=N} runs case N alone, which is how a reported failure is reproduced. Failures are
 * reported by seed, case and mutation, never with the bundle's contents.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ImportFuzzIT {

    private static final long SEED = Long.getLong("fuzz.seed", 20260420L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 400);
    private static final Integer ONLY_CASE = Integer.getInteger("fuzz.case");
    /** Tokens live 10 minutes; a long run fetches a new one well before. */
    private static final Duration TOKEN_LIFE = Duration.ofMinutes(5);

    @LocalServerPort
    int port;
    @Autowired
    Directory directory;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private String token;
    private long tokenFetched;

    private record Failure(int caseNumber, String seed, List<String> mutations, int status, String what) {

        @Override
        public String toString() {
            return "case " + caseNumber + " (reproduce: -Dfuzz.seed=" + SEED + " -Dfuzz.case=" + caseNumber
                    + ") seed " + seed + " " + mutations + " → HTTP " + status + ": " + what;
        }
    }

    @Test
    void whateverArrives_theAnswerIs2xxOrA4xxNamingThePlace_andA4xxChangesNothing() throws Exception {
        registerDemoHospitals();
        List<FuzzSeeds.Seed> seeds = FuzzSeeds.load();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<Failure> failures = new ArrayList<>();
        long started = System.nanoTime();
        int first = ONLY_CASE == null ? 0 : ONLY_CASE;
        int last = ONLY_CASE == null ? CASES : ONLY_CASE + 1;
        for (int n = first; n < last; n++) {
            // The first cases are the seeds as they are: each must be answered, and shows what a mutation breaks.
            FuzzSeeds.Seed seed = seeds.get(n % seeds.size());
            long caseSeed = SEED * 1_000_003L + n;
            BundleMutator.Mutant mutant;
            try {
                mutant = n < seeds.size() ? BundleMutator.mutate(seed, caseSeed, 0) : BundleMutator.mutate(seed, caseSeed);
            } catch (RuntimeException e) {
                // The fuzzer's own bug: reported like a failing case, so one does not cost the rest of a long run.
                failures.add(new Failure(n, seed.name(), List.of(), 0, "the mutator failed: " + e));
                continue;
            }
            Map<String, Long> before = RecordTables.counts(jdbc);
            HttpResponse<String> response = post(mutant.body(), n % 2 == 0 ? "ja" : "en");
            statuses.merge(response.statusCode(), 1, Integer::sum);
            if (n < seeds.size() && response.statusCode() >= 400) {
                // A seed refused as it is tests less: its mutations stop at the same refusal.
                System.out.println("ImportFuzzIT seed " + seed.name() + " as it is: HTTP " + response.statusCode()
                        + " at " + expressions(response.body()));
            }
            String problem = problemWith(response, before);
            if (problem != null) {
                Failure failure = new Failure(n, seed.name(), mutant.mutations(), response.statusCode(), problem);
                failures.add(failure);
                System.out.println("ImportFuzzIT FAILURE " + failure);
            }
        }
        System.out.printf("ImportFuzzIT: %d cases from %d seeds (fuzz.seed=%d), status %s, %.1f s%n", last - first,
                seeds.size(), SEED, statuses, (System.nanoTime() - started) / 1e9);
        assertThat(failures).as("cases answered with a 5xx, an unplaced refusal or a change after a refusal")
                .isEmpty();
    }

    /**
     * Shapes the fuzzer found that fail inside {@link FhirImporter} (being rewritten), kept as fixed points:
     * each must be answered like any other case.
     */
    static Stream<Arguments> foundInsideTheImporter() {
        String practitioner = """
                {"fullUrl":"urn:uuid:dr1","resource":{"resourceType":"Practitioner",
                  "identifier":[{"system":"urn:test:dr","value":"DR-1"}],"name":[{"use":"official"}]}}""";
        String absentBirthDate = "\"_birthDate\":{\"extension\":[{\"url\":"
                + "\"http://hl7.org/fhir/StructureDefinition/data-absent-reason\",\"valueCode\":\"unknown\"}]}";
        String absentText = practitioner.replace("{\"use\":\"official\"}", "{\"_text\":{\"extension\":[{\"url\":"
                + "\"http://hl7.org/fhir/StructureDefinition/data-absent-reason\",\"valueCode\":\"unknown\"}]}}");
        return Stream.of(
                Arguments.of("a Practitioner whose name text is only absent (HAPI's getNameAsSingleString fails; seed 77)",
                        FhirImportIT.VALID.substring(0, FhirImportIT.VALID.lastIndexOf(']')) + "," + absentText
                                + "]}"),
                Arguments.of("a Practitioner whose name has neither text nor parts (ImportWriter.practitioner)",
                        FhirImportIT.VALID.substring(0, FhirImportIT.VALID.lastIndexOf(']')) + "," + practitioner
                                + "]}"),
                Arguments.of("a new patient whose birthDate has only a data-absent-reason (SenderRules.register)",
                        FhirImportIT.VALID.replace("T-1", "T-absent").replace("\"birthDate\":\"1970-01-01\"",
                                absentBirthDate)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void foundInsideTheImporter(String name, String bundle) throws Exception {
        registerDemoHospitals();
        assertThat(bundle).as("the reproducer changed the seed").isNotEqualTo(FhirImportIT.VALID);
        Map<String, Long> before = RecordTables.counts(jdbc);

        HttpResponse<String> response = post(bundle.getBytes(java.nio.charset.StandardCharsets.UTF_8), "ja");

        assertThat(problemWith(response, before)).as(name).isNull();
    }

    /** What is wrong with the answer, or null when it is one the contract allows. */
    private String problemWith(HttpResponse<String> response, Map<String, Long> before) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return null;
        }
        if (status >= 500 || status < 400) {
            return "status " + status + " " + shorten(response.body());
        }
        JsonNode outcome;
        try {
            outcome = BundleReader.json().readTree(response.body());
        } catch (RuntimeException e) {
            return "a refusal that is not JSON";
        }
        if (!"OperationOutcome".equals(outcome.path("resourceType").asString(""))
                || outcome.path("issue").isEmpty()) {
            return "a refusal that is not an OperationOutcome with issues";
        }
        for (JsonNode issue : outcome.path("issue")) {
            if (issue.path("expression").isEmpty() || issue.path("expression").get(0).asString("").isBlank()) {
                return "an issue without an expression (" + issue.path("code").asString("") + ")";
            }
        }
        Map<String, Long> after = RecordTables.counts(jdbc);
        if (!after.equals(before)) {
            return "refused, but the tables changed: " + before + " → " + after;
        }
        return null;
    }

    private void registerDemoHospitals() {
        DemoHospitalTokens.registerHospitals(directory);
    }

    /** Both languages in turn: a refusal whose key is missing in one of them would fail there. */
    private HttpResponse<String> post(byte[] body, String language) throws Exception {
        if (token == null || System.nanoTime() - tokenFetched > TOKEN_LIFE.toNanos()) {
            token = DemoHospitalTokens.token(http, port, "hospital-tokyo-chuo", "fhir.import fhir.register-patients");
            tokenFetched = System.nanoTime();
        }
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir"))
                        .header("Content-Type", "application/fhir+json")
                        .header("Accept-Language", language)
                        .header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> expressions(String outcome) {
        List<String> expressions = new ArrayList<>();
        try {
            BundleReader.json().readTree(outcome).path("issue")
                    .forEach(issue -> expressions.add(issue.path("expression").path(0).asString("?")));
        } catch (RuntimeException e) {
            expressions.add("(not an OperationOutcome)");
        }
        return expressions;
    }

    /** Error bodies are the portal's, not the bundle's; still only their start is worth a line. */
    private static String shorten(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
