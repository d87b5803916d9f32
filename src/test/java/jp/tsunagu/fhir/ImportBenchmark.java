package jp.tsunagu.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.OrganisationDetails;
import jp.tsunagu.directory.OrganisationKind;
import jp.tsunagu.identity.SystemActor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Import throughput of transaction bundles through the real path (HTTP, bearer token, parse, checks,
 * one database transaction per bundle): one client, then four at once. Run with {@code ./mvnw -Pbench verify};
 * it prints its figures and asserts only that every bundle was accepted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ImportBenchmark {

    private static final int WARM_UP = 20;
    private static final int BUNDLES = 150;
    private static final int LABS = 30;

    @LocalServerPort
    int port;
    @Autowired
    Directory directory;

    private final HttpClient http = HttpClient.newHttpClient();
    @Autowired
    jp.tsunagu.fhir.conformance.Conformance conformance;
    @Autowired
    ca.uhn.fhir.context.FhirContext fhir;

    @Test
    void transactionBundles_oneClientAndFourClients() throws Exception {
        SystemActor.run("bench", () -> directory.organisation(OrganisationDetails.of(OrganisationKind.HOSPITAL,
                "東京中央病院", Identifier.medicalInstitution("1319990011"))));
        String token = DemoHospitalTokens.token(http, port, "hospital-tokyo-chuo", "fhir.import fhir.register-patients");
        SplittableRandom random = new SplittableRandom(20261124);
        int resourcesPerBundle = 0;
        List<byte[]> bundles = new ArrayList<>();
        for (int i = 0; i < WARM_UP + 2 * BUNDLES; i++) {
            bundles.add(transactionBundle(i, random).getBytes(StandardCharsets.UTF_8));
        }
        resourcesPerBundle = 1 + 1 + 5 + LABS + 5 + 2;

        for (int i = 0; i < WARM_UP; i++) {
            post(bundles.get(i), token);
        }
        Result single = run(bundles.subList(WARM_UP, WARM_UP + BUNDLES), token, 1, resourcesPerBundle);
        Result four = run(bundles.subList(WARM_UP + BUNDLES, WARM_UP + 2 * BUNDLES), token, 4, resourcesPerBundle);
        System.out.println();
        System.out.println("=== FHIR import benchmark (transaction bundles of " + resourcesPerBundle
                + " resources, HTTP + bearer token, " + Runtime.getRuntime().availableProcessors() + " cores) ===");
        System.out.println(single);
        System.out.println(four);
        System.out.println(profileShare(bundles.subList(WARM_UP, WARM_UP + BUNDLES), single));
    }

    /**
     * The profile checks alone on the same resources, in this process on one thread, against the one-client wall
     * time: the share of an import spent checking JP Core / JP-CLINS profiles.
     */
    private String profileShare(List<byte[]> bundles, Result single) {
        var parser = fhir.newJsonParser();
        List<org.hl7.fhir.r4.model.Resource> resources = new ArrayList<>();
        for (byte[] bundle : bundles) {
            var parsed = parser.parseResource(org.hl7.fhir.r4.model.Bundle.class, new String(bundle,
                    StandardCharsets.UTF_8));
            parsed.getEntry().forEach(e -> resources.add(e.getResource()));
        }
        resources.forEach(conformance::check);
        long started = System.nanoTime();
        long findings = 0;
        for (var resource : resources) {
            findings += conformance.check(resource).size();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format(Locale.ROOT, "profile checks: %d resources in %.3f s (%.0f µs each, %d findings) = %.1f %%"
                + " of the one-client import time", resources.size(), seconds, seconds * 1e6 / resources.size(),
                findings, 100 * seconds / single.seconds());
    }

    record Result(int clients, int bundles, int resources, double seconds, double p50Ms, double p95Ms) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d client(s): %d bundles, %d resources in %.2f s = %.0f resources/s;"
                    + " bundle latency p50 %.0f ms, p95 %.0f ms", clients, bundles, resources, seconds,
                    resources / seconds, p50Ms, p95Ms);
        }
    }

    private Result run(List<byte[]> bundles, String token, int clients, int perBundle) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> futures = new ArrayList<>();
            for (byte[] bundle : bundles) {
                futures.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    post(bundle, token);
                    latencies.add(System.nanoTime() - t0);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Long> sorted = latencies.stream().sorted().toList();
        return new Result(clients, bundles.size(), bundles.size() * perBundle, seconds,
                sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1) / 1e6);
    }

    private void post(byte[] bundle, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir"))
                        .header("Content-Type", "application/fhir+json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bundle)).build(),
                HttpResponse.BodyHandlers.ofString());
        // A transaction is answered per entry (transaction-response, 200), whatever each entry became.
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"transaction-response\"");
    }

    /** One patient's visit: the patient, an encounter, diagnoses, a lab panel over time, prescriptions, allergies. */
    private static String transactionBundle(int n, SplittableRandom random) {
        String patient = "urn:uuid:00000000-0000-0000-0000-" + String.format("%012d", n);
        StringBuilder entries = new StringBuilder();
        entry(entries, patient, "Patient", """
                {"resourceType":"Patient","identifier":[{"system":"urn:oid:1.2.392.200119.6.102.11319990011","value":"B%d"}],
                 "name":[{"family":"山田","given":["太郎"]}],"gender":"male","birthDate":"19%02d-04-01"}"""
                .formatted(n, 30 + n % 60));
        entry(entries, "urn:uuid:e-" + n, "Encounter", """
                {"resourceType":"Encounter","identifier":[{"system":"urn:bench:enc","value":"%d"}],"status":"finished",
                 "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},
                 "subject":{"reference":"%s"},"period":{"start":"2025-06-01T09:00:00+09:00","end":"2025-06-01T09:30:00+09:00"}}"""
                .formatted(n, patient));
        String[][] diagnoses = {{"I10", "本態性高血圧症"}, {"E11.9", "2型糖尿病"}, {"E78.5", "脂質異常症"},
                {"N18.3", "慢性腎臓病"}, {"J45.9", "気管支喘息"}};
        for (int d = 0; d < diagnoses.length; d++) {
            entry(entries, "urn:uuid:c-" + n + "-" + d, "Condition", """
                    {"resourceType":"Condition","identifier":[{"system":"urn:bench:dx","value":"%d-%d"}],
                     "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
                     "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"%s"}],"text":"%s"},
                     "subject":{"reference":"%s"},"onsetDateTime":"2019-0%d-01"}"""
                    .formatted(n, d, diagnoses[d][0], diagnoses[d][1], patient, d + 1));
        }
        for (int l = 0; l < LABS; l++) {
            entry(entries, "urn:uuid:l-" + n + "-" + l, "Observation", """
                    {"resourceType":"Observation","identifier":[{"system":"urn:bench:lab","value":"%d-%d"}],"status":"final",
                     "category":[{"coding":[{"system":"http://jpfhir.jp/fhir/core/CodeSystem/JP_SimpleObservationCategory_CS","code":"laboratory"}]}],
                     "code":{"coding":[{"system":"urn:oid:1.2.392.200119.4.504","code":"3D046000001906202"}],"text":"HbA1c"},
                     "subject":{"reference":"%s"},"effectiveDateTime":"2025-%02d-15T10:00:00+09:00",
                     "valueQuantity":{"value":%.1f,"unit":"%%"},"referenceRange":[{"low":{"value":4.6},"high":{"value":6.2}}]}"""
                    .formatted(n, l, patient, 1 + l % 12, 5.5 + random.nextDouble() * 3));
        }
        for (int m = 0; m < 5; m++) {
            entry(entries, "urn:uuid:m-" + n + "-" + m, "MedicationRequest", """
                    {"resourceType":"MedicationRequest","identifier":[{"system":"urn:bench:rx","value":"%d-%d"}],
                     "status":"active","intent":"order",
                     "medicationCodeableConcept":{"coding":[{"system":"urn:oid:1.2.392.100495.20.1.73","code":"2171022F1%03d"}],"text":"アムロジピン錠5mg"},
                     "subject":{"reference":"%s"},"dosageInstruction":[{"text":"1日1回朝食後"}],
                     "dispenseRequest":{"validityPeriod":{"start":"2025-06-01","end":"2025-06-28"}}}"""
                    .formatted(n, m, m, patient));
        }
        for (int a = 0; a < 2; a++) {
            entry(entries, "urn:uuid:a-" + n + "-" + a, "AllergyIntolerance", """
                    {"resourceType":"AllergyIntolerance","identifier":[{"system":"urn:bench:al","value":"%d-%d"}],
                     "category":["medication"],"code":{"text":"%s"},"patient":{"reference":"%s"}}"""
                    .formatted(n, a, a == 0 ? "ペニシリン" : "ヨード造影剤", patient));
        }
        return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + entries + "]}";
    }

    private static void entry(StringBuilder entries, String fullUrl, String type, String resource) {
        if (!entries.isEmpty()) {
            entries.append(',');
        }
        entries.append("{\"fullUrl\":\"").append(fullUrl).append("\",\"resource\":").append(resource)
                .append(",\"request\":{\"method\":\"POST\",\"url\":\"").append(type).append("\"}}");
    }
}
