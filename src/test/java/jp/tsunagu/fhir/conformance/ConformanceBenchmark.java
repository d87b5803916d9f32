package jp.tsunagu.fhir.conformance;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * Load time of the packages and time per checked resource after warm-up, on one thread: the JP Core examples
 * (one of them a DiagnosticReport with 31 contained Observations) and, where shared/ is beside the project, the
 * eReferral bundle's entries. Run with {@code ./mvnw -Pbench verify} or
 * {@code ./mvnw test -Dtest=ConformanceBenchmark}; it prints its figures and asserts nothing.
 */
class ConformanceBenchmark {

    private static final int WARM_UP_ROUNDS = 300;
    private static final int ROUNDS = 1000;

    @Test
    void loadAndCheck() throws Exception {
        FhirContext fhir = FhirContext.forR4();
        // As in the portal, where FhirConfiguration has parsed a first resource before any import arrives.
        fhir.newJsonParser().parseResource(Patient.class, "{\"resourceType\":\"Patient\"}");
        // CPU time of this thread beside wall time: on a shared machine the wall clock also counts other work.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long started = System.nanoTime();
        long startedCpu = threads.getCurrentThreadCpuTime();
        Conformance conformance = Conformance.load(fhir);
        long loadMillis = (System.nanoTime() - started) / 1_000_000;
        long loadCpuMillis = (threads.getCurrentThreadCpuTime() - startedCpu) / 1_000_000;

        List<Resource> resources = new ArrayList<>(TestPackages.jpCoreExamples().values());
        int examples = resources.size();
        Path fixture = Path.of("..", "shared", "fixtures", "jp-ereferral", "Bundle-BundleReferralExample01.json");
        if (Files.isRegularFile(fixture)) {
            Bundle bundle = (Bundle) TestPackages.parse(Files.readString(fixture));
            bundle.getEntry().forEach(entry -> resources.add(entry.getResource()));
        }
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            resources.forEach(conformance::check);
        }
        long findings = 0;
        started = System.nanoTime();
        startedCpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < ROUNDS; i++) {
            for (Resource resource : resources) {
                findings += conformance.check(resource).size();
            }
        }
        double allMicros = (System.nanoTime() - started) / 1_000.0 / ROUNDS / resources.size();
        double allCpuMicros = (threads.getCurrentThreadCpuTime() - startedCpu) / 1_000.0 / ROUNDS / resources.size();
        List<Resource> typical = resources.stream().filter(r -> !(r instanceof org.hl7.fhir.r4.model.DomainResource d)
                || d.getContained().size() < 5).toList();
        started = System.nanoTime();
        startedCpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < ROUNDS; i++) {
            typical.forEach(conformance::check);
        }
        double typicalMicros = (System.nanoTime() - started) / 1_000.0 / ROUNDS / typical.size();
        double typicalCpuMicros = (threads.getCurrentThreadCpuTime() - startedCpu) / 1_000.0 / ROUNDS
                / typical.size();
        System.out.printf("Conformance: packages loaded in %d ms, %d ms CPU (%s)%n", loadMillis, loadCpuMillis,
                conformance.summary());
        System.out.printf("Conformance: %d resources (%d JP Core examples, %d eReferral entries): %.1f µs per resource"
                + " (%.1f µs CPU) on average, %.1f µs (%.1f µs CPU) without the 31-contained DiagnosticReport;"
                + " %d findings per round%n", resources.size(), examples, resources.size() - examples, allMicros,
                allCpuMicros, typicalMicros, typicalCpuMicros, findings / ROUNDS);
    }
}
