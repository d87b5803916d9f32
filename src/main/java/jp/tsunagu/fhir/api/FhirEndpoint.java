package jp.tsunagu.fhir.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jp.tsunagu.fhir.BatchRequests;
import jp.tsunagu.fhir.EntryOutcome;
import jp.tsunagu.fhir.FhirImporter;
import jp.tsunagu.fhir.ImportProblem;
import jp.tsunagu.fhir.ImportRefusedException;
import jp.tsunagu.fhir.ImportRequest;
import jp.tsunagu.fhir.ImportResult;
import jp.tsunagu.fhir.StandardInteractions;
import jp.tsunagu.identity.ApiClient;
import jp.tsunagu.identity.ApiClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /fhir} (and {@code /fhir/Bundle}): hospital systems send bundles with a bearer token.
 * {@code document} and {@code collection} bundles are answered with an OperationOutcome (what was added, or
 * exactly what is wrong and where, with nothing stored); a {@code transaction} is stored whole or not at all
 * and answered per entry ({@code transaction-response}); a {@code batch} is a list of independent creates
 * and updates, each answered on its own ({@code batch-response}). Japanese by default, or by
 * {@code Accept-Language}.
 */
@RestController
class FhirEndpoint {

    private static final Logger log = LoggerFactory.getLogger(FhirEndpoint.class);

    private final FhirImporter importer;
    private final StandardInteractions interactions;
    private final ApiClients clients;
    private final FhirAnswers answers;

    FhirEndpoint(FhirImporter importer, StandardInteractions interactions, ApiClients clients, FhirAnswers answers) {
        this.importer = importer;
        this.interactions = interactions;
        this.clients = clients;
        this.answers = answers;
    }

    @PostMapping(path = {"/fhir", "/fhir/", "/fhir/Bundle"},
            consumes = {"application/fhir+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<String> receive(HttpServletRequest request) throws IOException {
        Locale locale = FhirAnswers.locale(request);
        Optional<ApiClient> client = clients.current().filter(c -> c.organisationCode().isPresent());
        if (client.isEmpty()) {
            return answers.problem(HttpStatus.FORBIDDEN, "forbidden", ImportProblem.at("Bundle", "",
                    "fhir.error.forbidden"), locale);
        }
        try {
            byte[] body = readLimited(request.getInputStream(), importer.maxBundleBytes());
            Optional<String> type = BatchRequests.bundleType(body);
            if (type.filter("batch"::equals).isPresent()) {
                return batch(body, client.get(), locale);
            }
            ImportResult result = importer.importBundle(body, ImportRequest.fromApiClient(client.get().clientId(),
                    client.get().organisationCode().get(), client.get().mayRegisterPatients()));
            log.info("FHIR import by {}: {}", client.get().clientId(), result.summaryLines());
            if (type.filter("transaction"::equals).isPresent()) {
                return FhirAnswers.json(HttpStatus.OK, transactionResponse(result, locale));
            }
            HttpStatus status = result.added() > 0 || result.updated() > 0 || result.patientRegistered()
                    ? HttpStatus.CREATED : HttpStatus.OK;
            return FhirAnswers.json(status, answers.outcome(result, locale));
        } catch (ImportRefusedException refused) {
            // Locations and message keys only: bundle contents stay out of the log.
            log.info("FHIR import by {} refused: {}", client.get().clientId(), refused.getMessage());
            return answers.refused(refused, locale);
        }
    }

    /** One answer per entry of the bundle, in its order; the outcome with the warnings rides on the first. */
    private ObjectNode transactionResponse(ImportResult result, Locale locale) {
        List<ObjectNode> entries = new ArrayList<>();
        for (EntryOutcome entry : result.entries()) {
            if (!entry.expression().matches("Bundle\\.entry\\[\\d+]\\.resource")) {
                continue; // a transaction has no nested bundles; nothing else answers at the top
            }
            entries.add(FhirAnswers.responseEntry(FhirAnswers.statusLine(FhirAnswers.status(entry)),
                    FhirAnswers.location(entry), entries.isEmpty() ? answers.outcome(result, locale) : null));
        }
        return FhirAnswers.responseBundle("transaction-response", entries);
    }

    /** Each entry on its own, in its own transaction: one refused entry does not stop the others. */
    private ResponseEntity<String> batch(byte[] body, ApiClient client, Locale locale) {
        List<ObjectNode> entries = new ArrayList<>();
        for (BatchRequests.Request entry : BatchRequests.split(body)) {
            String at = "Bundle.entry[" + entry.index() + "]";
            String[] url = entry.url().split("/");
            try {
                if (entry.resource().isEmpty() || url.length == 0 || url[0].isBlank()) {
                    throw new ImportRefusedException(ImportRefusedException.Reason.MALFORMED,
                            ImportProblem.at(at + ".request", "", "fhir.error.batchEntry"));
                }
                if (entry.method().equals("POST") && url.length == 1) {
                    StandardInteractions.Created created = interactions.create(entry.resource().get(), url[0],
                            entry.ifNoneExist(), client);
                    entries.add(created(created, locale));
                } else if (entry.method().equals("PUT") && url.length == 2) {
                    ImportResult result = interactions.update(entry.resource().get(), url[0], url[1], client);
                    entries.add(FhirAnswers.responseEntry(FhirAnswers.statusLine(HttpStatus.OK),
                            url[0] + "/" + url[1], answers.outcome(result, locale)));
                } else {
                    throw new ImportRefusedException(ImportRefusedException.Reason.MALFORMED,
                            ImportProblem.at(at + ".request", "", "fhir.error.batchEntry"));
                }
            } catch (ImportRefusedException refused) {
                entries.add(FhirAnswers.responseEntry(FhirAnswers.statusLine(FhirAnswers.status(refused)), null,
                        answers.outcome(refused, locale)));
            }
        }
        return FhirAnswers.json(HttpStatus.OK, FhirAnswers.responseBundle("batch-response", entries));
    }

    /** A create's answer entry: the entry it made, or the one that already matched If-None-Exist. */
    private ObjectNode created(StandardInteractions.Created created, Locale locale) {
        if (created.existing().isPresent()) {
            return FhirAnswers.responseEntry(FhirAnswers.statusLine(HttpStatus.OK),
                    FhirAnswers.location(created.existing().get()), null);
        }
        ImportResult result = created.imported().orElseThrow();
        EntryOutcome first = result.entries().getFirst();
        return FhirAnswers.responseEntry(FhirAnswers.statusLine(FhirAnswers.status(first)),
                FhirAnswers.location(first), answers.outcome(result, locale));
    }

    static byte[] readLimited(InputStream in, long limit) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (body.length > limit) {
            // Reading stopped at the limit: the rest is never buffered.
            throw new ImportRefusedException(ImportRefusedException.Reason.TOO_LARGE, ImportProblem.at("Bundle",
                    "Bundle", "fhir.error.tooLarge", "> " + limit / 1024 / 1024 + " MB", limit / 1024 / 1024 + " MB"));
        }
        return body;
    }
}
