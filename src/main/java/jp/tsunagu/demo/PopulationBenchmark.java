package jp.tsunagu.demo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.shared.JapanTime;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The bulk-load benchmark: loads N synthetic patients into a database of its own and prints patients
 * and record items per second, then exits. Active with the {@code bench} profile, which also moves the
 * embedded database to {@code target/bench-db} and the web server to a free port (application.properties):
 *
 * <pre>
 * ./mvnw -q package -DskipTests
 * java -Xmx2g -jar target/tsunagu.jar --spring.profiles.active=bench --patients=1000000 [--chunk=5000] [--writers=2] [--seed=1]
 * rm -rf target/bench-db
 * </pre>
 *
 * A run that was interrupted resumes: patients already in the database are skipped and counted.
 */
@Component
@Profile("bench")
class PopulationBenchmark implements ApplicationRunner {

    private final PopulationLoader loader;
    private final JdbcClient jdbc;
    private final ConfigurableApplicationContext context;

    PopulationBenchmark(PopulationLoader loader, JdbcClient jdbc, ConfigurableApplicationContext context) {
        this.loader = loader;
        this.jdbc = jdbc;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        int patients = option(args, "patients", 100_000);
        int chunk = option(args, "chunk", 5_000);
        int writers = option(args, "writers", Runtime.getRuntime().availableProcessors());
        long seed = option(args, "seed", 20250401);
        LocalDate today = JapanTime.dateOf(java.time.Instant.now());
        print("bench-load: %,d patients, chunks of %,d, %d writers, seed %d, today %s, %d cores, max heap %,d MB",
                patients, chunk, writers, seed, today, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        SyntheticPopulation population = new SyntheticPopulation(seed, today);
        long start = System.nanoTime();
        Map<String, OrganisationId> organisations = SystemActor.call(PopulationLoader.REASON,
                () -> loader.registerOrganisations(population));
        print("organisations: %,d in %,d ms", organisations.size(), (System.nanoTime() - start) / 1_000_000);
        long[] last = {System.nanoTime(), 0};
        int[] lastDecile = {0};
        PopulationLoader.Report report = SystemActor.call(PopulationLoader.REASON, () -> loader.load(population,
                organisations, 1, patients, chunk, writers, (done, total, items) -> {
                    int decile = (int) (done * 10L / total);
                    if (decile > lastDecile[0]) {
                        lastDecile[0] = decile;
                        long now = System.nanoTime();
                        double seconds = (now - last[0]) / 1e9;
                        print("  %3d %%  %,11d patients  %,13d items  %,9.0f items/s (last 10 %%)  heap %,d MB",
                                decile * 10, done, items, (items - last[1]) / seconds, usedHeap());
                        last[0] = now;
                        last[1] = items;
                    }
                }, () -> false));
        double seconds = report.elapsed().toNanos() / 1e9;
        print("loaded %,d patients (%,d already there), %,d record items, %,d rows, %,d MB of COPY text",
                report.patients(), report.skipped(), report.items(), report.rows(), report.bytes() >> 20);
        print("total %s: %,.0f patients/s, %,.0f items (resources)/s, %,.0f rows/s",
                format(report.elapsed()), report.patients() / seconds, report.items() / seconds,
                report.rows() / seconds);
        print("generating+encoding %s (on its own thread, overlapping), writing (COPY + commit) %s",
                format(report.preparing()), format(report.writing()));
        for (String table : List.of("directory_patient", "record_item", "record_lab_result", "record_document_section")) {
            print("  %-26s %,14d rows", table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
        }
        print("database size %,d MB", jdbc.sql("select pg_database_size(current_database())").query(Long.class)
                .single() >> 20);
        System.exit(SpringApplication.exit(context, () -> 0));
    }

    private static int option(ApplicationArguments args, String name, int fallback) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? fallback : Integer.parseInt(values.getFirst().replace("_", ""));
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
    }

    private static String format(Duration duration) {
        return String.format("%d:%02d:%02d", duration.toHours(), duration.toMinutesPart(), duration.toSecondsPart());
    }

    private static void print(String format, Object... args) {
        // The benchmark's result is its output: stdout, not the log.
        System.out.println(String.format(format, args));
    }
}
