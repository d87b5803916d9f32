package jp.tsunagu.fhir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.Resource;
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
}
