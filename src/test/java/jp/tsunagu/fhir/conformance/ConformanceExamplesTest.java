package jp.tsunagu.fhir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The standards' own examples meet the profiles they claim: a finding on them is most likely a checker bug. */
class ConformanceExamplesTest {

    @Test
    void everyJpCoreExample_meetsTheProfilesItClaims() {
        Conformance conformance = TestPackages.conformance();
        Map<String, Resource> examples = TestPackages.jpCoreExamples();
        assertThat(examples).hasSizeGreaterThan(40);
        List<String> errors = new ArrayList<>();
        int warnings = 0;
        for (Map.Entry<String, Resource> example : examples.entrySet()) {
            List<Finding> findings = conformance.check(example.getValue());
            long errorCount = findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
            warnings += findings.size() - (int) errorCount;
            System.out.printf("%-75s %2d errors %2d warnings%n", example.getKey(), errorCount,
                    findings.size() - errorCount);
            findings.forEach(f -> System.out.println("    " + f));
            findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR)
                    .forEach(f -> errors.add(example.getKey() + ": " + f));
        }
        System.out.println(examples.size() + " examples, " + errors.size() + " errors, " + warnings + " warnings; "
                + conformance.summary());
        assertThat(errors).isEmpty();
    }

    /** Without their claim they are held to the JP-CLINS profile of their type, which they never promised. */
    @Test
    void everyJpCoreExampleWithoutItsClaim_getsWarningsOnly() {
        Conformance conformance = TestPackages.conformance();
        int warnings = 0;
        for (Resource example : TestPackages.jpCoreExamples().values()) {
            example.getMeta().getProfile().clear();
            List<Finding> findings = conformance.check(example);
            assertThat(findings).noneMatch(finding -> finding.severity() == Finding.Severity.ERROR);
            warnings += findings.size();
        }
        assertThat(warnings).as("JP-CLINS asks more than JP Core").isPositive();
    }

    /**
     * The JP-CLINS eReferral example bundle from shared/: each entry is checked as the importer will check it.
     * Its findings are printed for the record; what must hold is that nothing fails inside the checker.
     */
    @Test
    void eReferralExampleBundle_entriesAreCheckedWithoutFault() throws IOException {
        Path fixture = Path.of("..", "shared", "fixtures", "jp-ereferral", "Bundle-BundleReferralExample01.json");
        Assumptions.assumeTrue(Files.isRegularFile(fixture), "shared/ is not beside the project");
        Bundle bundle = (Bundle) TestPackages.parse(Files.readString(fixture));
        Conformance conformance = TestPackages.conformance();
        Map<String, Integer> kinds = new TreeMap<>();
        int errors = 0;
        int warnings = 0;
        List<Finding> all = new ArrayList<>(conformance.check(bundle));
        all.forEach(f -> System.out.println("Bundle: " + f));
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Resource resource = bundle.getEntry().get(i).getResource();
            List<Finding> findings = conformance.check(resource);
            long errorCount = findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
            System.out.printf("entry[%d] %-20s %2d errors %2d warnings%n", i, resource.fhirType(), errorCount,
                    findings.size() - errorCount);
            findings.forEach(f -> System.out.println("    " + f));
            all.addAll(findings);
        }
        for (Finding finding : all) {
            kinds.merge(finding.severity() + " " + finding.messageKey(), 1, Integer::sum);
            if (finding.severity() == Finding.Severity.ERROR) {
                errors++;
            } else {
                warnings++;
            }
        }
        System.out.println("eReferral bundle: " + errors + " errors, " + warnings + " warnings " + kinds);
        assertThat(all).noneMatch(f -> f.messageKey().equals(Conformance.CHECK_FAILED));
    }
}
