package jp.tsunagu.fhir.api;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.Patient;
import jp.tsunagu.fhir.CapabilityStatements;
import jp.tsunagu.fhir.EntryOutcome;
import jp.tsunagu.fhir.FhirImporter;
import jp.tsunagu.fhir.ImportProblem;
import jp.tsunagu.fhir.ImportRefusedException;
import jp.tsunagu.fhir.ImportResult;
import jp.tsunagu.fhir.StandardInteractions;
import jp.tsunagu.identity.ApiClient;
import jp.tsunagu.identity.ApiClients;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The standard FHIR REST interactions for hospital systems: {@code GET /fhir/metadata} (readable without a
 * token, as FHIR and SMART clients expect), {@code POST /fhir/[type]} (create, conditional with
 * {@code If-None-Exist}), {@code PUT /fhir/[type]/[id]} (update of the sender's own entry) and
 * {@code GET /fhir/Patient?identifier=system|value} (the sender's own patients by its own numbers).
 */
@RestController
class FhirResourceEndpoint {

    private static final String TYPES = "{type:Patient|Condition|AllergyIntolerance|Observation|MedicationRequest"
            + "|Encounter}";

    private final StandardInteractions interactions;
    private final FhirImporter importer;
    private final CapabilityStatements capabilities;
    private final ApiClients clients;
    private final FhirAnswers answers;

    FhirResourceEndpoint(StandardInteractions interactions, FhirImporter importer, CapabilityStatements capabilities,
            ApiClients clients, FhirAnswers answers) {
        this.interactions = interactions;
        this.importer = importer;
        this.capabilities = capabilities;
        this.clients = clients;
        this.answers = answers;
    }

    @GetMapping(path = "/fhir/metadata", produces = {"application/fhir+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<String> metadata() {
        return ResponseEntity.ok().contentType(FhirAnswers.FHIR_JSON).body(capabilities.json());
    }

    @PostMapping(path = "/fhir/" + TYPES, consumes = {"application/fhir+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<String> create(@PathVariable String type,
            @RequestHeader(name = "If-None-Exist", required = false) String ifNoneExist, HttpServletRequest request)
            throws IOException {
        return withBody(request, (client, body, locale) -> {
            StandardInteractions.Created created = interactions.create(body, type, Optional.ofNullable(ifNoneExist),
                    client);
            if (created.existing().isPresent()) {
                return located(HttpStatus.OK, created.existing().get(), FhirAnswers.outcome(List.of()));
            }
            ImportResult result = created.imported().orElseThrow();
            EntryOutcome entry = result.entries().getFirst();
            return located(FhirAnswers.status(entry), entry, answers.outcome(result, locale));
        });
    }

    @PutMapping(path = "/fhir/" + TYPES + "/{id}", consumes = {"application/fhir+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<String> update(@PathVariable String type, @PathVariable String id, HttpServletRequest request)
            throws IOException {
        return withBody(request, (client, body, locale) -> {
            try {
                ImportResult result = interactions.update(body, type, id, client);
                return located(HttpStatus.OK, result.entries().getFirst(), answers.outcome(result, locale));
            } catch (ImportRefusedException refused) {
                if (refused.reason() != ImportRefusedException.Reason.UNKNOWN_PATIENT) {
                    throw refused;
                }
                return answers.problem(HttpStatus.NOT_FOUND, "not-found", refused.problems().getFirst(), locale);
            }
        });
    }

    private interface WithBody {
        ResponseEntity<String> answer(ApiClient client, byte[] body, Locale locale);
    }

    /** A sender with an organisation, the body read up to the size limit, refusals as OperationOutcomes. */
    private ResponseEntity<String> withBody(HttpServletRequest request, WithBody work) throws IOException {
        Locale locale = FhirAnswers.locale(request);
        Optional<ApiClient> client = sender();
        if (client.isEmpty()) {
            return forbidden(locale);
        }
        try {
            return work.answer(client.get(), FhirEndpoint.readLimited(request.getInputStream(),
                    importer.maxBundleBytes()), locale);
        } catch (ImportRefusedException refused) {
            return answers.refused(refused, locale);
        }
    }

    /** A searchset of the sender's own patients; only its own patient numbers are shown of their identifiers. */
    @GetMapping(path = "/fhir/Patient", produces = {"application/fhir+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<String> searchPatients(@RequestParam(name = "identifier", required = false) String identifier,
            HttpServletRequest request) {
        Locale locale = FhirAnswers.locale(request);
        Optional<ApiClient> client = sender();
        if (client.isEmpty()) {
            return forbidden(locale);
        }
        if (identifier == null || request.getParameterMap().size() != 1) {
            return answers.problem(HttpStatus.BAD_REQUEST, "not-supported", ImportProblem.at("identifier", "Patient",
                    "fhir.error.unsupportedSearch"), locale);
        }
        try {
            String code = client.get().organisationCode().orElseThrow();
            List<Patient> found = interactions.searchPatients(identifier, client.get());
            ObjectNode bundle = FhirAnswers.responseBundle("searchset", found.stream()
                    .map(p -> searchEntry(p, code)).toList());
            bundle.put("total", found.size());
            return FhirAnswers.json(HttpStatus.OK, bundle);
        } catch (ImportRefusedException refused) {
            return answers.refused(refused, locale);
        }
    }

    private static ObjectNode searchEntry(Patient patient, String institutionCode) {
        ObjectNode entry = FhirAnswers.JSON.createObjectNode();
        entry.put("fullUrl", "Patient/" + patient.id().value());
        ObjectNode resource = entry.putObject("resource");
        resource.put("resourceType", "Patient");
        resource.put("id", patient.id().value().toString());
        ArrayNode identifiers = resource.putArray("identifier");
        patient.details().identifiers().stream()
                .filter(i -> Identifier.localPatientInstitution(i.system()).filter(institutionCode::equals).isPresent())
                .forEach(i -> identifiers.addObject().put("system", i.system()).put("value", i.value()));
        var name = patient.details().name();
        resource.putArray("name").addObject().put("family", name.family()).putArray("given").add(name.given());
        resource.put("gender", patient.details().sex().code());
        resource.put("birthDate", patient.details().birthDate().toString());
        entry.putObject("search").put("mode", "match");
        return entry;
    }

    private static ResponseEntity<String> located(HttpStatus status, EntryOutcome entry, ObjectNode outcome) {
        var answer = ResponseEntity.status(status).contentType(FhirAnswers.FHIR_JSON);
        String location = FhirAnswers.location(entry);
        if (location != null) {
            answer = answer.header(HttpHeaders.LOCATION, location);
        }
        return answer.body(FhirAnswers.JSON.writeValueAsString(outcome));
    }

    private Optional<ApiClient> sender() {
        return clients.current().filter(c -> c.organisationCode().isPresent());
    }

    private ResponseEntity<String> forbidden(Locale locale) {
        return answers.problem(HttpStatus.FORBIDDEN, "forbidden", ImportProblem.at("Bundle", "", "fhir.error.forbidden"),
                locale);
    }
}
