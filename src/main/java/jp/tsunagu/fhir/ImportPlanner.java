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

import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.OrganisationDetails;
import jp.tsunagu.fhir.ImportPlan.PlannedItem;
import jp.tsunagu.fhir.ImportPlan.PlannedPractitioner;
import jp.tsunagu.fhir.ImportRefusedException.Reason;
import jp.tsunagu.fhir.conformance.Conformance;
import jp.tsunagu.fhir.conformance.Finding;
import jp.tsunagu.record.ItemContent;
import jp.tsunagu.record.PhrEntry;
import jp.tsunagu.record.SourceKeys;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads, checks (what the record needs, then the JP Core / JP-CLINS profiles each resource claims) and
 * decides: bytes in, an {@link ImportPlan} out, or a refusal naming every problem; profile warnings travel
 * with the plan into the answer.
 * Writes nothing; the directory is only asked which organisations it already knows.
 */
@Component
class ImportPlanner {

    static final String INSTITUTION_NUMBER_EXTENSION_SUFFIX = "JP_eCS_InstitutionNumber";
    /** A patient's copy never replaces what a hospital sent: its keys live apart. */
    static final String PATIENT_UPLOAD_KEY_PREFIX = "patient-upload|";

    private final BundleReader reader;
    private final ImportChecks checks;
    private final Conformance conformance;
    private final Directory directory;

    ImportPlanner(BundleReader reader, ImportChecks checks, Conformance conformance, Directory directory) {
        this.reader = reader;
        this.checks = checks;
        this.conformance = conformance;
        this.directory = directory;
    }

    ImportPlan plan(byte[] bytes, ImportRequest request) {
        ParsedBundle bundle = reader.read(bytes);
        List<ImportProblem> invalid = new ArrayList<>(checks.check(bundle));
        List<ImportProblem> warnings = new ArrayList<>();
        for (ParsedBundle.Entry entry : bundle.allEntries()) {
            for (Finding finding : conformance.check(entry.resource())) {
                ImportProblem problem = new ImportProblem(entry.expression()
                        + (finding.path().isEmpty() ? "" : "." + finding.path()), entry.resourceType(),
                        finding.messageKey(), finding.arguments());
                boolean refuses = finding.severity() == Finding.Severity.ERROR && request.strictProfiles();
                (refuses ? invalid : warnings).add(problem);
            }
        }
        if (!invalid.isEmpty()) {
            // Everything wrong at once, so a sender fixes a bundle in one round.
            throw new ImportRefusedException(Reason.INVALID, invalid);
        }
        List<ImportProblem> problems = new ArrayList<>();
        Map<String, Optional<OrganisationDetails>> organisations = new LinkedHashMap<>();
        List<ImportPlan.Scope> scopes = new ArrayList<>();
        List<PlannedPractitioner> practitioners = new ArrayList<>();
        for (ParsedBundle scope : bundle.allScopes()) {
            Optional<String> scopeSource = request.patientUpload() ? Optional.empty() : scopeSource(scope, request);
            Map<String, Integer> keyUse = new HashMap<>();
            List<String> baseKeys = new ArrayList<>();
            for (ParsedBundle.Entry entry : scope.entries()) {
                baseKeys.add(baseKey(entry));
                keyUse.merge(baseKeys.getLast(), 1, Integer::sum);
            }
            List<PlannedItem> items = new ArrayList<>();
            for (int i = 0; i < scope.entries().size(); i++) {
                ParsedBundle.Entry entry = scope.entries().get(i);
                Optional<String> source = request.patientUpload() ? Optional.empty()
                        : entrySource(entry, scopeSource, request);
                source.ifPresent(code -> organisation(code, bundle, organisations, entry.expression(), problems));
                if (entry.resource() instanceof Practitioner practitioner && !request.patientUpload()) {
                    practitioners.add(new PlannedPractitioner(practitioner, source, baseKeys.get(i)));
                }
                Optional<ItemContent> content = RecordMapping.content(entry.resource());
                if (content.isEmpty()) {
                    continue;
                }
                if (content.get() instanceof PhrEntry) {
                    // Patient-entered by definition, whoever carries it: never attributed to a hospital.
                    source = Optional.empty();
                } else if (source.isEmpty() && !request.patientUpload()) {
                    problems.add(ImportProblem.at(entry.expression(), entry.resourceType(), "fhir.error.noSource"));
                    continue;
                }
                String key = keyUse.get(baseKeys.get(i)) > 1 ? withLogicalId(baseKeys.get(i), entry)
                        : baseKeys.get(i);
                if (request.patientUpload()) {
                    key = PATIENT_UPLOAD_KEY_PREFIX + key;
                }
                if (request.replaces().isPresent()) {
                    key = replacedKey(request.replaces().get(), bundle, entry);
                }
                items.add(new PlannedItem(entry, content.get(), source, key,
                        RecordMapping.undisclosed(entry.resource()), RecordMapping.sensitiveLabels(entry.resource())));
            }
            String original = scope == bundle && scope.nested().isEmpty() ? new String(bytes, StandardCharsets.UTF_8)
                    : withoutNestedBundles(scope.json());
            scopes.add(new ImportPlan.Scope(scope, scopeSource, original, items));
        }
        if (!problems.isEmpty()) {
            throw new ImportRefusedException(Reason.INVALID, problems);
        }
        return new ImportPlan(bundle, scopes, practitioners, organisations, warnings);
    }

    /** An update is one resource of the entry's own type; it takes over the entry's identity. */
    private static String replacedKey(ImportRequest.Replaced replaced, ParsedBundle bundle, ParsedBundle.Entry entry) {
        if (!bundle.type().equals("single") || !entry.resourceType().equals(replaced.resourceType())) {
            throw new ImportRefusedException(Reason.INVALID, ImportProblem.at(entry.expression(),
                    entry.resourceType(), "fhir.error.updateType", replaced.resourceType()));
        }
        return replaced.sourceKey();
    }

    /** Who speaks for a whole bundle: the sender itself, else the document's custodian, or the one hospital it names. */
    private static Optional<String> scopeSource(ParsedBundle scope, ImportRequest request) {
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

    /**
     * Notes the organisation with this 医療機関コード: the bundle's own Organization for it if it has one
     * (registered when written), else it must be registered already.
     */
    private void organisation(String code, ParsedBundle bundle, Map<String, Optional<OrganisationDetails>> known,
            String expression, List<ImportProblem> problems) {
        if (known.containsKey(code)) {
            return;
        }
        Optional<OrganisationDetails> inBundle = bundle.allEntries().stream()
                .filter(e -> e.resource() instanceof Organization o
                        && RecordMapping.institutionCode(o).filter(code::equals).isPresent())
                .findFirst()
                .map(e -> RecordMapping.organisation((Organization) e.resource(), code));
        if (inBundle.isPresent() || directory.organisation(Identifier.medicalInstitution(code)).isPresent()) {
            known.put(code, inBundle);
        } else {
            problems.add(ImportProblem.at(expression, "Organization", "fhir.error.unknownOrganisation", code));
        }
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
