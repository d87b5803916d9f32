package jp.tsunagu;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The house rules hold for every class of the portal. */
class ArchitectureTest {

    private static final JavaClasses PORTAL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("jp.tsunagu");

    @Test
    void everyRouteCarriesExactlyOneAccessAnnotation() {
        HouseRules.EVERY_ROUTE_HAS_ONE_ACCESS_ANNOTATION.check(PORTAL);
    }

    @Test
    void viewsNeverUsePersistenceClasses() {
        HouseRules.VIEWS_DO_NOT_USE_PERSISTENCE.check(PORTAL);
    }

    @Test
    void onlyTheFhirModuleImportsHapiTypes() {
        HouseRules.ONLY_FHIR_SEES_HAPI.check(PORTAL);
    }

    @Test
    void everyPublicServiceMethodIsGuardedByPreAuthorize() {
        HouseRules.SERVICE_METHODS_ARE_GUARDED.check(PORTAL);
    }

    @Test
    void personalDataIsReadForOthersOnlyThroughTheConsentDecisionPoint() {
        HouseRules.PERSONAL_DATA_READS_GO_THROUGH_CONSENT.check(PORTAL);
    }

    @Test
    void aModulesSqlNamesOnlyItsOwnTables() {
        HouseRules.SQL_NAMES_ONLY_OWN_TABLES.check(PORTAL);
    }

    @Test
    void onlyJobsListenersAndCommandsActAsTheSystem() {
        HouseRules.SYSTEM_ACTOR_ONLY_IN_JOBS.check(PORTAL);
    }

    @Test
    void systemActorAllowListNamesOnlyClassesThatUseIt() {
        // A stale entry would quietly allow a future class of that name: every one must exist and act as the system.
        for (String allowed : HouseRules.SYSTEM_ACTOR_ALLOWED.keySet()) {
            org.assertj.core.api.Assertions.assertThat(PORTAL.contain(allowed)).as(allowed).isTrue();
            org.assertj.core.api.Assertions.assertThat(PORTAL.get(allowed).getMethodCallsFromSelf().stream()
                    .anyMatch(c -> c.getTargetOwner().isEquivalentTo(jp.tsunagu.identity.SystemActor.class)))
                    .as(allowed + " uses SystemActor").isTrue();
        }
    }

    @Test
    void researchRoomsUseEachOtherWithoutCircles() {
        // counting, release, studies, postmarket and ui (each with its own persistence) lean on the module's
        // root, its API; among themselves the arrows run one way only.
        slices().matching("jp.tsunagu.research.(*)..").namingSlices("research.$1")
                .should().beFreeOfCycles()
                .check(PORTAL);
    }
}
