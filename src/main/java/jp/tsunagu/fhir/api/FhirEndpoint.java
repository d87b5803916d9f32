package jp.tsunagu.fhir.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jp.tsunagu.fhir.FhirImporter;
import jp.tsunagu.fhir.ImportMessages;
import jp.tsunagu.fhir.ImportProblem;
import jp.tsunagu.fhir.ImportRefusedException;
import jp.tsunagu.fhir.ImportRequest;
import jp.tsunagu.fhir.ImportResult;
import jp.tsunagu.identity.ApiClient;
import jp.tsunagu.identity.ApiClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /fhir} (and {@code /fhir/Bundle}): hospital systems send bundles with a bearer token. The
 * answer is a FHIR OperationOutcome in the language of {@code Accept-Language} (Japanese by default):
 * what was added, or exactly what is wrong and where, with nothing stored.
 */
@RestController
class FhirEndpoint {

    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");
    private static final Logger log = LoggerFactory.getLogger(FhirEndpoint.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FhirImporter importer;
    private final ApiClients clients;
    private final ImportMessages messages;

    FhirEndpoint(FhirImporter importer, ApiClients clients, ImportMessages messages) {
        this.importer = importer;
        this.clients = clients;
        this.messages = messages;
    }

    @PostMapping(path = {"/fhir", "/fhir/", "/fhir/Bundle"},
            consumes = {"application/fhir+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<String> receive(HttpServletRequest request) throws IOException {
        Locale locale = request.getLocales().hasMoreElements() && request.getHeader("Accept-Language") != null
                ? request.getLocale() : Locale.JAPANESE;
        ApiClient client = clients.current().orElse(null);
        if (client == null || client.organisationCode().isEmpty()) {
            return outcome(HttpStatus.FORBIDDEN, List.of(issue("error", "forbidden",
                    messages.text(ImportProblem.at("Bundle", "", "fhir.error.forbidden"), locale), "Bundle")));
        }
        try {
            byte[] body = readLimited(request.getInputStream(), importer.maxBundleBytes());
            ImportResult result = importer.importBundle(body, ImportRequest.fromApiClient(client.clientId(),
                    client.organisationCode().get(), client.mayRegisterPatients()));
            log.info("FHIR import by {}: {}", client.clientId(), result.summaryLines());
            HttpStatus status = result.added() > 0 || result.updated() > 0 ? HttpStatus.CREATED : HttpStatus.OK;
            return outcome(status, messages.describe(result, locale).stream()
                    .map(line -> issue("information", "informational", line, null)).toList());
        } catch (ImportRefusedException refused) {
            // Locations and message keys only: bundle contents stay out of the log.
            log.info("FHIR import by {} refused: {}", client.clientId(), refused.getMessage());
            HttpStatus status = switch (refused.reason()) {
                case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
                case MALFORMED -> HttpStatus.BAD_REQUEST;
                case INVALID, UNKNOWN_PATIENT -> HttpStatus.UNPROCESSABLE_CONTENT;
                case FORBIDDEN -> HttpStatus.FORBIDDEN;
            };
            String code = switch (refused.reason()) {
                case TOO_LARGE -> "too-long";
                case MALFORMED -> "structure";
                case INVALID -> "invalid";
                case UNKNOWN_PATIENT -> "not-found";
                case FORBIDDEN -> "forbidden";
            };
            return outcome(status, refused.problems().stream()
                    .map(p -> issue("error", code, messages.text(p, locale), p.expression())).toList());
        }
    }

    private byte[] readLimited(InputStream in, long limit) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (body.length > limit) {
            // Reading stopped at the limit: the rest is never buffered.
            throw new ImportRefusedException(ImportRefusedException.Reason.TOO_LARGE, ImportProblem.at("Bundle",
                    "Bundle", "fhir.error.tooLarge", "> " + limit / 1024 / 1024 + " MB", limit / 1024 / 1024 + " MB"));
        }
        return body;
    }

    private static ObjectNode issue(String severity, String code, String text, @org.jspecify.annotations.Nullable String expression) {
        ObjectNode issue = JSON.createObjectNode();
        issue.put("severity", severity);
        issue.put("code", code);
        issue.put("diagnostics", text);
        if (expression != null) {
            issue.putArray("expression").add(expression);
        }
        return issue;
    }

    private static ResponseEntity<String> outcome(HttpStatus status, List<ObjectNode> issues) {
        ObjectNode outcome = JSON.createObjectNode();
        outcome.put("resourceType", "OperationOutcome");
        ArrayNode array = outcome.putArray("issue");
        issues.forEach(array::add);
        return ResponseEntity.status(status).contentType(FHIR_JSON).body(JSON.writeValueAsString(outcome));
    }
}
