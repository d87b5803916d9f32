package jp.tsunagu.fhir;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.Organisation;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.Patient;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.fhir.ImportRefusedException.Reason;
import jp.tsunagu.identity.ApiClient;
import jp.tsunagu.identity.Authorities;
import jp.tsunagu.record.ItemId;
import jp.tsunagu.record.RecordService;
import jp.tsunagu.record.SenderEntry;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The standard FHIR interactions a hospital system uses besides sending bundles: create (also conditional,
 * {@code If-None-Exist}), update of its own entry, and finding its own patients by its own patient number.
 * Each goes through the same import (checks, sender rules, one transaction) as a bundle; a hospital never
 * reaches another hospital's entry, and a search never confirms that somebody else's patient exists.
 */
@Service
public class StandardInteractions {

    /** A create's answer: the entry that already matched {@code If-None-Exist}, or what the import did. */
    public record Created(Optional<EntryOutcome> existing, Optional<ImportResult> imported) {
    }

    private final FhirImporter importer;
    private final RecordService records;
    private final Directory directory;

    StandardInteractions(FhirImporter importer, RecordService records, Directory directory) {
        this.importer = importer;
        this.records = records;
        this.directory = directory;
    }

    /**
     * {@code POST [type]}: one resource. With {@code If-None-Exist: identifier=system|value} nothing is created
     * when this sender already has an entry of that type with that identifier (its own patient, for a Patient).
     */
    @PreAuthorize(Authorities.CAN_IMPORT)
    @Transactional(rollbackFor = Exception.class)
    public Created create(byte[] body, String resourceType, Optional<String> ifNoneExist, ApiClient client) {
        String code = code(client);
        if (ifNoneExist.isPresent()) {
            String identifier = criteria(ifNoneExist.get());
            Optional<EntryOutcome> existing = resourceType.equals("Patient")
                    ? ownPatient(identifier, code).map(p -> new EntryOutcome("Patient", "Patient",
                            EntryOutcome.Kind.UNCHANGED, Optional.of(p.id().value().toString())))
                    : sender(code).flatMap(org -> records.entryOf(org, resourceType, identifier))
                            .map(e -> new EntryOutcome(resourceType, resourceType, EntryOutcome.Kind.UNCHANGED,
                                    Optional.of(e.id().value().toString())));
            if (existing.isPresent()) {
                return new Created(existing, Optional.empty());
            }
        }
        requireType(body, resourceType);
        return new Created(Optional.empty(), Optional.of(importer.importBundle(body,
                ImportRequest.fromApiClient(client.clientId(), code, client.mayRegisterPatients()))));
    }

    /**
     * {@code PUT [type]/[id]}: replaces the sender's own entry with this id. Another sender's entry and an
     * unknown id are answered alike ({@code fhir.error.notYours}, 404).
     */
    @PreAuthorize(Authorities.CAN_IMPORT)
    @Transactional(rollbackFor = Exception.class)
    public ImportResult update(byte[] body, String resourceType, String id, ApiClient client) {
        String code = code(client);
        ImportProblem notYours = ImportProblem.at(resourceType + "/" + id, resourceType, "fhir.error.notYours");
        ItemId item;
        try {
            item = new ItemId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw new ImportRefusedException(Reason.UNKNOWN_PATIENT, notYours);
        }
        SenderEntry entry = sender(code).flatMap(org -> records.entryOf(org, item))
                .filter(e -> e.resourceType().equals(resourceType))
                .orElseThrow(() -> new ImportRefusedException(Reason.UNKNOWN_PATIENT, notYours));
        requireType(body, resourceType);
        return importer.importBundle(body, ImportRequest.fromApiClient(client.clientId(), code, false)
                .replacing(new ImportRequest.Replaced(entry.patient(), resourceType, entry.sourceKey())));
    }

    /**
     * {@code GET Patient?identifier=system|value}: only by the caller's own patient numbers; any other system
     * (another hospital's numbers, the national 被保険者番号) finds nobody, so a search cannot confirm that
     * a person is somebody else's patient.
     */
    @PreAuthorize(Authorities.CAN_IMPORT)
    @Transactional(readOnly = true)
    public List<Patient> searchPatients(String identifierCriteria, ApiClient client) {
        return ownPatient(identifier(identifierCriteria, "identifier"), code(client)).stream().toList();
    }

    private Optional<Patient> ownPatient(String identifier, String code) {
        int bar = identifier.indexOf('|');
        String system = identifier.substring(0, bar);
        String value = identifier.substring(bar + 1);
        if (Identifier.localPatientInstitution(system).filter(code::equals).isEmpty() || value.isBlank()) {
            return Optional.empty();
        }
        Optional<PatientId> found = directory.findPatient(List.of(new Identifier(system, value)));
        return found.flatMap(directory::patient);
    }

    /** {@code If-None-Exist: identifier=system|value} (URL-encoded, as in a query), the one criterion offered. */
    private static String criteria(String header) {
        String prefix = "identifier=";
        if (!header.startsWith(prefix) || header.contains("&")) {
            throw new ImportRefusedException(Reason.MALFORMED, ImportProblem.at("If-None-Exist", "",
                    "fhir.error.conditionalCriteria"));
        }
        return identifier(java.net.URLDecoder.decode(header.substring(prefix.length()), StandardCharsets.UTF_8),
                "If-None-Exist");
    }

    /** "system|value", both present; anything else is a 400 that says what is supported. */
    private static String identifier(String value, String where) {
        int bar = value.indexOf('|');
        if (bar <= 0 || bar == value.length() - 1) {
            throw new ImportRefusedException(Reason.MALFORMED, ImportProblem.at(where, "",
                    where.equals("identifier") ? "fhir.error.unsupportedSearch" : "fhir.error.conditionalCriteria"));
        }
        return value;
    }

    /** The body must be one resource of the type in the URL: a Condition posted to /Patient is a mistake. */
    private static void requireType(byte[] body, String resourceType) {
        String declared;
        try {
            declared = BundleReader.json().readTree(body).path("resourceType").asString("");
        } catch (tools.jackson.core.JacksonException e) {
            return; // the import names the broken JSON with line and column
        }
        if (!declared.equals(resourceType)) {
            throw new ImportRefusedException(Reason.MALFORMED, ImportProblem.at("resourceType", declared,
                    "fhir.error.updateType", resourceType));
        }
    }

    private Optional<OrganisationId> sender(String code) {
        return directory.organisation(Identifier.medicalInstitution(code)).map(Organisation::id);
    }

    private static String code(ApiClient client) {
        return client.organisationCode().orElseThrow(() -> new ImportRefusedException(Reason.FORBIDDEN,
                ImportProblem.at("Bundle", "", "fhir.error.forbidden")));
    }
}
