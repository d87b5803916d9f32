package jp.tsunagu.fhir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jp.tsunagu.directory.AmbiguousPatientException;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.Organisation;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.PatientDetails;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.directory.PractitionerDetails;
import jp.tsunagu.fhir.ImportRefusedException.Reason;
import jp.tsunagu.identity.ActorService;
import jp.tsunagu.identity.Authorities;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.record.MyRecord;
import jp.tsunagu.record.IncomingBatch;
import jp.tsunagu.record.ItemContent;
import jp.tsunagu.record.NewItem;
import jp.tsunagu.record.OtherResource;
import jp.tsunagu.record.RecordService;
import jp.tsunagu.record.Source;
import jp.tsunagu.record.SourceKeys;
import jp.tsunagu.record.StoreResult;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports a FHIR R4 bundle (document, collection, transaction) or a single resource into the record:
 * read and check everything first, then write everything in one transaction, so a bundle is stored
 * whole or not at all.
 */
@Service
public class FhirImporter {

    static final String INSTITUTION_NUMBER_EXTENSION_SUFFIX = "JP_eCS_InstitutionNumber";
    static final String PATIENT_UPLOAD_KEY_PREFIX = "patient-upload|";

    private final BundleReader reader;
    private final ImportChecks checks;
    private final Directory directory;
    private final RecordService records;
    private final FhirProperties properties;
    private final MyRecord myRecord;
    private final ActorService actors;

    FhirImporter(BundleReader reader, ImportChecks checks, Directory directory, RecordService records,
            FhirProperties properties, MyRecord myRecord, ActorService actors) {
        this.reader = reader;
        this.checks = checks;
        this.directory = directory;
        this.records = records;
        this.properties = properties;
        this.myRecord = myRecord;
        this.actors = actors;
    }

    @PreAuthorize(Authorities.CAN_IMPORT + " or " + Authorities.IS_PATIENT + " or hasRole('CLINICIAN')")
    public long maxBundleBytes() {
        return sizeLimit();
    }

    /**
     * A clinician adds a FHIR document (a referral letter, a discharge summary) for a patient their
     * hospital treats: stored with their hospital as the source, checked like any import.
     *
     * @throws ImportRefusedException {@code fhir.error.notTreated} when the hospital does not treat the patient
     */
    @PreAuthorize("hasRole('CLINICIAN')")
    @Transactional(rollbackFor = Exception.class)
    public ImportResult importForPatient(byte[] bytes, PatientId patient) {
        var clinician = actors.currentActor().orElseThrow();
        var hospital = directory.signedInOrganisation().filter(o -> directory.treats(patient, o.id()))
                .orElseThrow(() -> new ImportRefusedException(Reason.FORBIDDEN, ImportProblem.at("Bundle", "Bundle",
                        "fhir.error.notTreated")));
        ImportRequest request = ImportRequest.fromClinician(patient, clinician.subject(),
                hospital.details().identifier().value());
        // As for a patient's upload: the request fixes patient and source; the writers are importer-only.
        return SystemActor.call("clinician-upload", () -> importBundle(bytes, request));
    }

    /**
     * A patient's upload into their own record (a file from a hospital or another app). The patient is
     * the one signed in, found on the server; every item is theirs and attributed to them, and nothing
     * in the directory changes. Checked and stored exactly like any other import: whole or not at all.
     */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(rollbackFor = Exception.class)
    public ImportResult importOwnBundle(byte[] bytes) {
        PatientId patient = myRecord.me()
                .orElseThrow(() -> new IllegalStateException("this account is not linked to a patient record"));
        String subject = actors.currentActor().orElseThrow().subject();
        ImportRequest request = ImportRequest.fromPatient(patient, subject);
        // The record's writers accept only importers; the request above pins every item to this patient,
        // so the import runs as the system on the patient's behalf, in this transaction.
        return SystemActor.call("patient-upload", () -> importBundle(bytes, request));
    }

    long sizeLimit() {
        return properties.maxBundleSize().toBytes();
    }

    @PreAuthorize(Authorities.CAN_IMPORT)
    @Transactional(rollbackFor = Exception.class)
    public ImportResult importBundle(byte[] bytes, ImportRequest request) {
        if (bytes.length > sizeLimit()) {
            throw tooLarge(bytes.length);
        }
        ParsedBundle bundle = reader.read(bytes);
        List<ImportProblem> problems = checks.check(bundle);
        if (!problems.isEmpty()) {
            throw new ImportRefusedException(Reason.INVALID, problems);
        }
        List<ParsedBundle.Entry> entries = bundle.allEntries();
        PatientMatch patient = request.forPatient().map(chosen -> chosenPatient(chosen, entries, request))
                .orElseGet(() -> matchPatient(entries, request));
        Map<String, OrganisationId> organisations = new HashMap<>();
        List<ImportProblem> sourceProblems = new ArrayList<>();

        long added = 0;
        long updated = 0;
        long unchanged = 0;
        boolean allResent = true;
        Map<String, Long> byCategory = new TreeMap<>();
        Map<String, Long> kept = new TreeMap<>();
        List<IncomingBatch> batches = new ArrayList<>();
        Set<OrganisationId> treating = new LinkedHashSet<>();
        for (ParsedBundle scope : bundle.allScopes()) {
            Optional<String> scopeSource = request.patientUpload() ? Optional.empty()
                    : scopeSource(scope, bundle, request);
            List<NewItem> items = new ArrayList<>();
            Map<String, Integer> keyUse = new HashMap<>();
            List<String> baseKeys = new ArrayList<>();
            for (ParsedBundle.Entry entry : scope.entries()) {
                baseKeys.add(baseKey(entry));
                keyUse.merge(baseKeys.getLast(), 1, Integer::sum);
            }
            for (int i = 0; i < scope.entries().size(); i++) {
                ParsedBundle.Entry entry = scope.entries().get(i);
                Optional<ItemContent> content = RecordMapping.content(entry.resource());
                Optional<String> code = request.patientUpload() ? Optional.empty()
                        : entrySource(entry, scopeSource, request);
                Optional<OrganisationId> source = code.flatMap(c -> organisation(c, bundle, organisations,
                        entry.expression(), sourceProblems));
                if (entry.resource() instanceof Practitioner practitioner && !request.patientUpload()) {
                    directory.practitioner(practitioner(practitioner, source, baseKeys.get(i)));
                }
                if (content.isEmpty()) {
                    continue;
                }
                if (content.get() instanceof jp.tsunagu.record.PhrEntry) {
                    // Patient-entered by definition, whoever carries it: never attributed to a hospital.
                    source = Optional.empty();
                } else if (code.isEmpty() && !request.patientUpload()) {
                    sourceProblems.add(ImportProblem.at(entry.expression(), entry.resourceType(),
                            "fhir.error.noSource"));
                    continue;
                }
                String key = keyUse.get(baseKeys.get(i)) > 1 ? withLogicalId(baseKeys.get(i), entry)
                        : baseKeys.get(i);
                if (request.patientUpload()) {
                    // A patient's copy never replaces what a hospital sent (nor the other way round): its keys
                    // live apart, so the same resource from both stays two items with two provenances.
                    key = PATIENT_UPLOAD_KEY_PREFIX + key;
                }
                items.add(new NewItem(content.get(),
                        new Source(source, key, firstIdentifier(entry.resource()), Optional.of(entry.original())),
                        RecordMapping.undisclosed(entry.resource()), RecordMapping.sensitiveLabels(entry.resource())));
                source.ifPresent(treating::add);
            }
            String original = scope == bundle && scope.nested().isEmpty() ? new String(bytes, StandardCharsets.UTF_8)
                    : withoutNestedBundles(scope.json());
            batches.add(new IncomingBatch(patient.id(),
                    scopeSource.flatMap(c -> Optional.ofNullable(organisations.get(c))),
                    scope.type(), scope.identifier(), sha256(original), Optional.of(original), request.receivedBy(),
                    items));
        }
        if (!sourceProblems.isEmpty()) {
            throw new ImportRefusedException(Reason.INVALID, sourceProblems);
        }
        for (IncomingBatch batch : batches) {
            if (batch.items().isEmpty()) {
                continue;
            }
            StoreResult result = records.store(batch);
            allResent &= result.alreadyImported();
            for (StoreResult.ItemOutcome outcome : result.items()) {
                switch (outcome.outcome()) {
                    case ADDED -> {
                        added++;
                        byCategory.merge(outcome.category().name(), 1L, Long::sum);
                    }
                    case UPDATED -> updated++;
                    case UNCHANGED -> unchanged++;
                }
            }
        }
        for (ParsedBundle.Entry entry : entries) {
            RecordMapping.content(entry.resource()).filter(OtherResource.class::isInstance)
                    .ifPresent(other -> kept.merge(((OtherResource) other).resourceType(), 1L, Long::sum));
        }
        for (OrganisationId organisation : treating) {
            directory.organisation(organisation).filter(o -> o.details().kind().providesCare())
                    .ifPresent(o -> directory.recordCare(patient.id(), o.id()));
        }
        return new ImportResult(patient.id(), patient.registered(), allResent && added == 0 && updated == 0,
                entries.size(), added, updated, unchanged, byCategory, kept);
    }

    private ImportRefusedException tooLarge(long bytes) {
        return new ImportRefusedException(Reason.TOO_LARGE, ImportProblem.at("Bundle", "Bundle",
                "fhir.error.tooLarge", megabytes(bytes), megabytes(sizeLimit())));
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
    }

    private record PatientMatch(PatientId id, boolean registered) {
    }

    /**
     * The sender chose the patient. A clinician's bundle that names a different registered patient is
     * refused (the wrong chart is the classic mistake); otherwise its identifiers join the chosen patient,
     * so later bundles from that hospital find them. A patient's own upload changes no identifiers.
     */
    private PatientMatch chosenPatient(PatientId chosen, List<ParsedBundle.Entry> entries, ImportRequest request) {
        if (request.patientUpload()) {
            return new PatientMatch(chosen, false);
        }
        Set<Identifier> identifiers = bundleIdentifiers(entries);
        Optional<PatientId> named;
        try {
            named = identifiers.isEmpty() ? Optional.empty() : directory.findPatient(identifiers);
        } catch (AmbiguousPatientException e) {
            named = Optional.of(new PatientId(java.util.UUID.randomUUID()));
        }
        if (named.isPresent() && !named.get().equals(chosen)) {
            throw new ImportRefusedException(Reason.INVALID, ImportProblem.at("Bundle", "Patient",
                    "fhir.error.otherPatient"));
        }
        if (!identifiers.isEmpty()) {
            directory.addIdentifiers(chosen, identifiers);
        }
        return new PatientMatch(chosen, false);
    }

    private static Set<Identifier> bundleIdentifiers(List<ParsedBundle.Entry> entries) {
        Set<Identifier> identifiers = new LinkedHashSet<>();
        entries.stream().filter(e -> e.resource() instanceof Patient)
                .forEach(e -> identifiers.addAll(RecordMapping.identifiers((Patient) e.resource())));
        return identifiers;
    }

    private PatientMatch matchPatient(List<ParsedBundle.Entry> entries, ImportRequest request) {
        List<ParsedBundle.Entry> patients = entries.stream().filter(e -> e.resource() instanceof Patient).toList();
        Set<Identifier> identifiers = new LinkedHashSet<>();
        patients.forEach(e -> identifiers.addAll(RecordMapping.identifiers((Patient) e.resource())));
        for (ParsedBundle.Entry entry : entries) {
            RecordMapping.subject(entry.resource()).filter(r -> r.hasIdentifier() && r.getIdentifier().hasValue())
                    .map(Reference::getIdentifier)
                    .ifPresent(i -> identifiers.add(new Identifier(i.getSystem() == null ? "" : i.getSystem(),
                            i.getValue())));
        }
        String where = patients.isEmpty() ? "Bundle" : patients.getFirst().expression();
        if (identifiers.isEmpty()) {
            throw new ImportRefusedException(Reason.INVALID, ImportProblem.at(where + ".identifier", "Patient",
                    "fhir.error.noPatient"));
        }
        Optional<PatientId> found;
        try {
            found = directory.findPatient(identifiers);
        } catch (AmbiguousPatientException e) {
            throw new ImportRefusedException(Reason.INVALID, ImportProblem.at(where + ".identifier", "Patient",
                    "fhir.error.ambiguousPatient"));
        }
        if (found.isPresent()) {
            directory.addIdentifiers(found.get(), identifiers);
            return new PatientMatch(found.get(), false);
        }
        if (!request.mayRegisterPatients()) {
            throw new ImportRefusedException(Reason.UNKNOWN_PATIENT, ImportProblem.at(where + ".identifier",
                    "Patient", "fhir.error.unknownPatient"));
        }
        Optional<ParsedBundle.Entry> registrable = patients.stream()
                .filter(e -> ((Patient) e.resource()).hasBirthDate() && ((Patient) e.resource()).hasName())
                .findFirst();
        if (registrable.isEmpty()) {
            throw new ImportRefusedException(Reason.INVALID, ImportProblem.at(where, "Patient",
                    "fhir.error.patientIncomplete"));
        }
        PatientDetails details = RecordMapping.patient((Patient) registrable.get().resource());
        PatientId id = directory.registerPatient(new PatientDetails(details.name(), details.birthDate(), details.sex(),
                details.prefecture(), details.postalCode(), details.address(), details.phone(), details.email(),
                List.copyOf(identifiers)));
        return new PatientMatch(id, true);
    }

    /** Who speaks for a whole bundle: the document's custodian, or the one hospital it names. */
    private static Optional<String> scopeSource(ParsedBundle scope, ParsedBundle top, ImportRequest request) {
        if (request.fixedSource().isPresent()) {
            return request.fixedSource();
        }
        if (request.trustEntrySources() && scope.entrySource().isPresent()) {
            return scope.entrySource();
        }
        Map<String, String> organisationCodes = new LinkedHashMap<>();
        for (ParsedBundle.Entry entry : scope.entries()) {
            if (entry.resource() instanceof Organization organization) {
                RecordMapping.institutionCode(organization).ifPresent(code -> ImportChecks.referenceNames(entry)
                        .forEach(name -> organisationCodes.put(name, code)));
            }
        }
        if (!scope.entries().isEmpty() && scope.entries().getFirst().resource() instanceof Composition composition
                && composition.hasCustodian()) {
            String code = organisationCodes.get(composition.getCustodian().getReference());
            if (code != null) {
                return Optional.of(code);
            }
        }
        Set<String> distinct = new LinkedHashSet<>(organisationCodes.values());
        if (distinct.size() == 1) {
            return Optional.of(distinct.iterator().next());
        }
        return request.defaultSource();
    }

    private static Optional<String> entrySource(ParsedBundle.Entry entry, Optional<String> scopeSource,
            ImportRequest request) {
        if (request.fixedSource().isPresent()) {
            return request.fixedSource();
        }
        if (request.trustEntrySources() && entry.entrySource().isPresent()) {
            return entry.entrySource();
        }
        if (entry.resource() instanceof DomainResource resource) {
            Optional<String> stated = resource.getExtension().stream()
                    .filter(e -> e.getUrl() != null && e.getUrl().endsWith(INSTITUTION_NUMBER_EXTENSION_SUFFIX))
                    .map(e -> e.getValue() instanceof org.hl7.fhir.r4.model.Identifier i ? i.getValue() : null)
                    .filter(v -> v != null && !v.isBlank()).findFirst();
            if (stated.isPresent()) {
                return stated;
            }
        }
        return scopeSource;
    }

    /** The organisation with this 医療機関コード: from the bundle's Organization if it has one, else as registered. */
    private Optional<OrganisationId> organisation(String code, ParsedBundle bundle,
            Map<String, OrganisationId> known, String expression, List<ImportProblem> problems) {
        if (known.containsKey(code)) {
            return Optional.of(known.get(code));
        }
        Optional<OrganisationId> id = bundle.allEntries().stream()
                .filter(e -> e.resource() instanceof Organization o
                        && RecordMapping.institutionCode(o).filter(code::equals).isPresent())
                .findFirst()
                .map(e -> directory.organisation(RecordMapping.organisation((Organization) e.resource(), code)))
                .or(() -> directory.organisation(Identifier.medicalInstitution(code)).map(Organisation::id));
        if (id.isEmpty()) {
            problems.add(ImportProblem.at(expression, "Organization", "fhir.error.unknownOrganisation", code));
            return Optional.empty();
        }
        known.put(code, id.get());
        return id;
    }

    private static PractitionerDetails practitioner(Practitioner practitioner, Optional<OrganisationId> organisation,
            String key) {
        var names = practitioner.getName();
        String name = names.isEmpty() ? "" : names.getFirst().hasText() ? names.getFirst().getText()
                : names.getFirst().getNameAsSingleString();
        Optional<String> kana = names.size() > 1 ? Optional.ofNullable(names.get(1).getText()) : Optional.empty();
        return new PractitionerDetails(organisation, name, kana,
                organisation.map(o -> o + "|").orElse("") + key);
    }

    /** Identity at the source: type plus identifiers; the logical id only where identifiers are missing. */
    private static String baseKey(ParsedBundle.Entry entry) {
        List<String> identifiers = identifiers(entry.resource());
        Optional<String> id = identifiers.isEmpty() ? logicalId(entry) : Optional.empty();
        return SourceKeys.of(entry.resourceType(), identifiers, id, sha256(entry.original()));
    }

    /** Two entries of one bundle with the same identifiers (it happens in published examples) stay two items. */
    private static String withLogicalId(String baseKey, ParsedBundle.Entry entry) {
        return logicalId(entry).map(id -> baseKey + "|id:" + id)
                .orElseGet(() -> baseKey + "|sha256:" + sha256(entry.original()));
    }

    private static Optional<String> logicalId(ParsedBundle.Entry entry) {
        String id = entry.resource().getIdElement().getIdPart();
        return id == null || id.isBlank() ? Optional.empty() : Optional.of(id);
    }

    static List<String> identifiers(Resource resource) {
        List<org.hl7.fhir.r4.model.Identifier> identifiers = switch (resource) {
            case Composition c -> c.hasIdentifier() ? List.of(c.getIdentifier()) : List.of();
            default -> {
                var property = resource.getNamedProperty("identifier");
                yield property == null ? List.of() : property.getValues().stream()
                        .filter(org.hl7.fhir.r4.model.Identifier.class::isInstance)
                        .map(org.hl7.fhir.r4.model.Identifier.class::cast).toList();
            }
        };
        return identifiers.stream().filter(i -> i.hasValue())
                .map(i -> (i.hasSystem() ? i.getSystem() : "") + "|" + i.getValue()).toList();
    }

    private static Optional<String> firstIdentifier(Resource resource) {
        return identifiers(resource).stream().findFirst();
    }

    /** A collection that carries received bundles is kept as its own entries; the nested ones are kept each on their own. */
    private static String withoutNestedBundles(JsonNode scope) {
        ObjectNode copy = (ObjectNode) scope.deepCopy();
        JsonNode entries = copy.path("entry");
        if (entries instanceof ArrayNode array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                if ("Bundle".equals(array.get(i).path("resource").path("resourceType").asString(""))) {
                    array.remove(i);
                }
            }
        }
        return BundleReader.json().writeValueAsString(copy);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
