package jp.tsunagu.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.identity.SystemActor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Bulk-load throughput of the synthetic population through COPY, on a fresh embedded database. Run
 * with {@code ./mvnw -Pbench verify} ({@code -Dbench.patients=100000} for more than the default
 * 20,000); it prints its figures and asserts only that every patient arrived. The million-patient run
 * uses the packaged portal instead (see {@code PopulationBenchmark}), so its database is easy to delete.
 */
@SpringBootTest
@ActiveProfiles("test")
class PopulationLoadBenchmark {

    @Autowired
    PopulationLoader loader;

    @Autowired
    JdbcClient jdbc;

    @Test
    void bulkLoad_ofSyntheticPatients() {
        int patients = Integer.getInteger("bench.patients", 20_000);
        int writers = Runtime.getRuntime().availableProcessors();
        SyntheticPopulation population = new SyntheticPopulation(20250401, LocalDate.now());
        PopulationLoader.Report report = SystemActor.call(PopulationLoader.REASON, () -> {
            Map<String, OrganisationId> organisations = loader.registerOrganisations(population);
            return loader.load(population, organisations, 1, patients, 5_000, writers, (d, t, i) -> {
            }, () -> false);
        });
        double seconds = report.elapsed().toNanos() / 1e9;
        System.out.println();
        System.out.printf(Locale.ROOT, "=== Synthetic population bulk load (COPY, %d writers, %d cores) ===%n", writers,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%d patients, %d record items, %d rows in %.1f s = %.0f patients/s, "
                + "%.0f items (resources)/s, %.0f rows/s%n", report.patients(), report.items(), report.rows(), seconds,
                report.patients() / seconds, report.items() / seconds, report.rows() / seconds);
        assertThat(jdbc.sql("select count(*) from directory_patient").query(Long.class).single()).isEqualTo(patients);
        assertThat(jdbc.sql("select count(*) from record_item").query(Long.class).single()).isEqualTo(report.items());
    }
}
