package jp.tsunagu.fhir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.shared.CommandOutcome;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar tsunagu.jar import [--source=医療機関コード] [--register-patients] [--lang=en] FILE...}
 * and {@code export PATIENT-ID FILE}. Each file is its own import: one refused file leaves the others
 * (and itself) as they were. Output goes to the console for the operator, never to the log.
 */
@Component
@ConditionalOnProperty(name = "tsunagu.command")
class FhirCommands implements ApplicationRunner {

    private final FhirImporter importer;
    private final FhirExporter exporter;
    private final ImportMessages messages;
    private final CommandOutcome outcome;
    private final String command;

    FhirCommands(FhirImporter importer, FhirExporter exporter, ImportMessages messages, CommandOutcome outcome,
            org.springframework.core.env.Environment environment) {
        this.importer = importer;
        this.exporter = exporter;
        this.messages = messages;
        this.outcome = outcome;
        this.command = environment.getRequiredProperty("tsunagu.command");
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        Locale locale = Optional.ofNullable(args.getOptionValues("lang")).filter(v -> !v.isEmpty())
                .map(v -> Locale.forLanguageTag(v.getFirst())).orElse(Locale.JAPANESE);
        List<String> files = args.getNonOptionArgs();
        if (!command.equals("import") && !command.equals("export")) {
            return; // another module's command
        }
        if (command.equals("export")) {
            export(files);
            return;
        }
        if (files.isEmpty()) {
            System.err.println("usage: import [--source=<医療機関コード>] [--register-patients] [--lang=en] FILE...");
            outcome.fail();
            return;
        }
        Optional<String> source = Optional.ofNullable(args.getOptionValues("source")).filter(v -> !v.isEmpty())
                .map(List::getFirst);
        ImportRequest request = ImportRequest.fromOperator(source, args.containsOption("register-patients"));
        long limit = SystemActor.call("import-command", importer::maxBundleBytes);
        for (String file : files) {
            Path path = Path.of(file);
            System.out.println("== " + path);
            try {
                if (Files.size(path) > limit) {
                    // Refused before reading: the file may be far larger than memory should hold.
                    throw new ImportRefusedException(ImportRefusedException.Reason.TOO_LARGE,
                            ImportProblem.at("Bundle", "Bundle", "fhir.error.tooLarge",
                                    Files.size(path) / 1024 / 1024 + " MB", limit / 1024 / 1024 + " MB"));
                }
                byte[] bytes = Files.readAllBytes(path);
                ImportResult result = SystemActor.call("import-command", () -> importer.importBundle(bytes, request));
                messages.describe(result, locale).forEach(System.out::println);
                System.out.println("patient: " + result.patient());
            } catch (ImportRefusedException refused) {
                refused.problems().forEach(p -> System.out.println("  " + messages.describe(p, locale)));
                outcome.fail();
            }
        }
    }

    private void export(List<String> arguments) throws IOException {
        if (arguments.size() != 2) {
            System.err.println("usage: export PATIENT-ID FILE");
            outcome.fail();
            return;
        }
        PatientId patient = new PatientId(UUID.fromString(arguments.get(0)));
        String json = SystemActor.call("export-command", () -> exporter.export(patient));
        Files.writeString(Path.of(arguments.get(1)), json);
        System.out.println("written: " + arguments.get(1));
    }
}
