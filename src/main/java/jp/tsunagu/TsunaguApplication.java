package jp.tsunagu;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jp.tsunagu.shared.CommandOutcome;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/** Tsunagu (つなぐ): the patient's record across hospitals, on one consent ledger. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TsunaguApplication {

    /** Commands that run against the configured database and exit, instead of serving the portal. */
    static final Set<String> COMMANDS = Set.of("import", "export", "verify-audit");

    public static void main(String[] args) {
        if (args.length > 0 && COMMANDS.contains(args[0])) {
            System.exit(runCommand(args));
        }
        SpringApplication.run(TsunaguApplication.class, args);
    }

    /**
     * The command shares the portal's whole configuration (database, security), so it checks and writes
     * exactly what the portal would; it listens on a random port no one uses and loads no demo population.
     */
    private static int runCommand(String[] args) {
        SpringApplication application = new SpringApplication(TsunaguApplication.class);
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("server.port", "0");
        defaults.put("tsunagu.command", args[0]);
        defaults.put("tsunagu.demo.population.patients", "0");
        defaults.put("spring.main.banner-mode", "off");
        defaults.put("logging.level.root", "warn");
        application.setDefaultProperties(defaults);
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try (ConfigurableApplicationContext context = application.run(rest)) {
            return context.getBean(CommandOutcome.class).exitCode();
        }
    }
}
