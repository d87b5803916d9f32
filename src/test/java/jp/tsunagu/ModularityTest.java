package jp.tsunagu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module map of architecture.md, enforced: allowed dependencies only, no cycles, no internals. */
class ModularityTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(TsunaguApplication.class);

    @Test
    void modulesRespectTheirDeclaredDependencies() {
        MODULES.verify();
    }

    @Test
    void everyModuleOfTheArchitectureExists() {
        assertThat(MODULES.stream().map(module -> module.getIdentifier().toString()))
                .containsExactlyInAnyOrder("shared", "identity", "audit", "directory", "record", "consent",
                        "sharing", "research", "insights", "fhir", "shell", "demo");
    }

    @Test
    void writesModuleDiagramsForTheDocs() {
        // The PlantUML diagrams under target/spring-modulith-docs are the source of docs/modules.md.
        new Documenter(MODULES).writeDocumentation();
        assertThat(Path.of("target/spring-modulith-docs/components.puml")).isNotEmptyFile();
    }
}
