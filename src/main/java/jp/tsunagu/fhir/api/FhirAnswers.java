package jp.tsunagu.fhir.api;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jp.tsunagu.fhir.EntryOutcome;
import jp.tsunagu.fhir.ImportMessages;
import jp.tsunagu.fhir.ImportProblem;
import jp.tsunagu.fhir.ImportRefusedException;
import jp.tsunagu.fhir.ImportResult;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How the FHIR API answers, in one place: OperationOutcomes in the reader's language (Japanese unless
 * {@code Accept-Language} asks otherwise), the HTTP status of a refusal, and the per-entry {@code response}
 * of transaction and batch answers.
 */
@Component
class FhirAnswers {

    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final ImportMessages messages;

    FhirAnswers(ImportMessages messages) {
        this.messages = messages;
    }

    static Locale locale(HttpServletRequest request) {
        return request.getHeader("Accept-Language") != null ? request.getLocale() : Locale.JAPANESE;
    }

    ResponseEntity<String> refused(ImportRefusedException refused, Locale locale) {
        return json(status(refused), outcome(refused, locale));
    }

    ObjectNode outcome(ImportRefusedException refused, Locale locale) {
        return outcome(refused.problems().stream()
                .map(p -> issue("error", code(refused), messages.text(p, locale), p.expression())).toList());
    }

    ResponseEntity<String> problem(HttpStatus status, String code, ImportProblem problem, Locale locale) {
        return json(status, outcome(List.of(issue("error", code, messages.text(problem, locale),
                problem.expression()))));
    }

    /** What was added, and the warnings the sender should fix although they did not stop the import. */
    ObjectNode outcome(ImportResult result, Locale locale) {
        List<ObjectNode> issues = new java.util.ArrayList<>(messages.describe(result, locale).stream()
                .map(line -> issue("information", "informational", line, null)).toList());
        result.warnings().forEach(w -> issues.add(issue("warning", "business-rule", messages.text(w, locale),
                w.expression())));
        return outcome(issues);
    }

    static HttpStatus status(ImportRefusedException refused) {
        return switch (refused.reason()) {
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case MALFORMED -> HttpStatus.BAD_REQUEST;
            case INVALID, UNKNOWN_PATIENT -> HttpStatus.UNPROCESSABLE_CONTENT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
        };
    }

    private static String code(ImportRefusedException refused) {
        return switch (refused.reason()) {
            case TOO_LARGE -> "too-long";
            case MALFORMED -> "structure";
            case INVALID -> "invalid";
            case UNKNOWN_PATIENT -> "not-found";
            case FORBIDDEN -> "forbidden";
            case RATE_LIMITED -> "throttled";
        };
    }

    /** The status line of one entry's answer, e.g. "201 Created". */
    static String statusLine(HttpStatus status) {
        return status.value() + " " + status.getReasonPhrase();
    }

    static HttpStatus status(EntryOutcome entry) {
        return entry.kind() == EntryOutcome.Kind.CREATED ? HttpStatus.CREATED : HttpStatus.OK;
    }

    /** "Condition/1b7…": where the created or updated entry answers. */
    static @Nullable String location(EntryOutcome entry) {
        return entry.id().map(id -> entry.resourceType() + "/" + id).orElse(null);
    }

    /** One entry of a transaction-response or batch-response Bundle. */
    static ObjectNode responseEntry(String status, @Nullable String location, @Nullable ObjectNode outcome) {
        ObjectNode entry = JSON.createObjectNode();
        ObjectNode response = entry.putObject("response");
        response.put("status", status);
        if (location != null) {
            response.put("location", location);
        }
        if (outcome != null) {
            response.set("outcome", outcome);
        }
        return entry;
    }

    static ObjectNode responseBundle(String type, List<ObjectNode> entries) {
        ObjectNode bundle = JSON.createObjectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", type);
        ArrayNode array = bundle.putArray("entry");
        entries.forEach(array::add);
        return bundle;
    }

    static ObjectNode issue(String severity, String code, String text, @Nullable String expression) {
        ObjectNode issue = JSON.createObjectNode();
        issue.put("severity", severity);
        issue.put("code", code);
        issue.put("diagnostics", text);
        if (expression != null) {
            issue.putArray("expression").add(expression);
        }
        return issue;
    }

    /**
     * At most {@value #MAX_ISSUES} issues and a last one saying how many more there were: a bundle
     * with thousands of faults must not cost megabytes of answer (the sender fixes the first ones and
     * sends again).
     */
    static ObjectNode outcome(List<ObjectNode> issues) {
        ObjectNode outcome = JSON.createObjectNode();
        outcome.put("resourceType", "OperationOutcome");
        ArrayNode array = outcome.putArray("issue");
        issues.stream().limit(MAX_ISSUES).forEach(array::add);
        if (issues.size() > MAX_ISSUES) {
            array.add(issue("information", "too-costly", (issues.size() - MAX_ISSUES) + " more issues not shown "
                    + "(the first " + MAX_ISSUES + " are); fix these and send again", null));
        }
        return outcome;
    }

    static final int MAX_ISSUES = 100;

    static ResponseEntity<String> json(HttpStatus status, ObjectNode body) {
        return ResponseEntity.status(status).contentType(FHIR_JSON).body(JSON.writeValueAsString(body));
    }

    String text(ImportProblem problem, Locale locale) {
        return messages.text(problem, locale);
    }
}
