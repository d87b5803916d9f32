package jp.tsunagu;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** Each house rule catches a sample that breaks it and passes one that keeps it. */
class HouseRulesTest {

    private static final JavaClasses BAD = new ClassFileImporter().importPackages("archsamples.bad");
    private static final JavaClasses GOOD = new ClassFileImporter().importPackages("archsamples.good");

    @Test
    void routeAccessRule_catchesMissingAndDoubleAnnotations() {
        var result = evaluate(HouseRules.EVERY_ROUTE_HAS_ONE_ACCESS_ANNOTATION, BAD);
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("TwoAccessAnnotationsView has 2"))
                .anyMatch(line -> line.contains("NoAccessAnnotationView has 0"));
    }

    @Test
    void viewPersistenceRule_catchesAViewReadingARepository() {
        var result = evaluate(HouseRules.VIEWS_DO_NOT_USE_PERSISTENCE, BAD);
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains("LeakyView"));
    }

    @Test
    void hapiRule_catchesHapiTypesOutsideFhir() {
        var result = evaluate(HouseRules.ONLY_FHIR_SEES_HAPI, BAD);
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains("HapiOutsideFhir"));
    }

    @Test
    void serviceRule_catchesAnUnguardedPublicMethod() {
        var result = evaluate(HouseRules.SERVICE_METHODS_ARE_GUARDED, BAD);
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains("UnguardedService.everything"));
    }

    @Test
    void consentRule_catchesARecordReadPastTheDecisionPoint() {
        var result = evaluate(HouseRules.PERSONAL_DATA_READS_GO_THROUGH_CONSENT, BAD);
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains("PeekingReader.labsOf"));
    }

    @Test
    void ownTablesRule_catchesSqlOverAnotherModulesTable() {
        var result = evaluate(HouseRules.SQL_NAMES_ONLY_OWN_TABLES, BAD);
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("PeekingFigureStore (module insights) names the table record_item"));
    }

    @Test
    void systemActorRule_catchesAUserUploadRunAsTheSystem() {
        var result = evaluate(HouseRules.SYSTEM_ACTOR_ONLY_IN_JOBS, BAD);
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains("UploadAsSystem.upload"));
    }

    @Test
    void everyRule_passesWellBehavedCode() {
        for (ArchRule rule : HouseRules.ALL) {
            assertThat(rule.allowEmptyShould(true).evaluate(GOOD).hasViolation()).as(rule.getDescription()).isFalse();
        }
    }

    private static EvaluationResult evaluate(ArchRule rule, JavaClasses classes) {
        EvaluationResult result = rule.evaluate(classes);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        return result;
    }
}
