package jp.tsunagu.fhir;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.IModelVisitor2;
import jp.tsunagu.shared.JapanTime;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseExtension;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * What HAPI's strict parser does not catch: references that lead nowhere, clinical resources about
 * nobody or somebody else, missing or malformed codes where the record needs one, and dates no record
 * can carry. Every problem is collected, so a sender fixes a bundle in one round.
 */
@Component
class ImportChecks {

    static final Set<String> SINGLE_RESOURCE_TYPES = Set.of("Patient", "Condition", "AllergyIntolerance",
            "Observation", "MedicationRequest", "Encounter");

    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    private static final Map<String, Pattern> CODE_FORMATS = Map.of(
            jp.tsunagu.record.Code.JLAC10, Pattern.compile("[0-9A-Z]{17}"),
            jp.tsunagu.record.Code.YJ, Pattern.compile("[0-9A-Z]{12}"),
            jp.tsunagu.record.Code.HOT9, Pattern.compile("[0-9]{9}|[0-9]{13}"),
            jp.tsunagu.record.Code.LOINC, Pattern.compile("[0-9]{1,7}-[0-9]"));
    private static final Pattern ICD10 = Pattern.compile("[A-Z][0-9]{2}(\\.?[0-9A-Z]{1,4})?");

    private static final Set<String> CONDITION_CLINICAL = Set.of("active", "recurrence", "relapse", "inactive",
            "remission", "resolved");
    private static final Set<String> CONDITION_VERIFICATION = Set.of("unconfirmed", "provisional", "differential",
            "confirmed", "refuted", "entered-in-error");
    private static final Set<String> ALLERGY_CLINICAL = Set.of("active", "inactive", "resolved");

    private final FhirContext fhir;
    private final Clock clock;

    ImportChecks(FhirContext fhir, Optional<Clock> clock) {
        this.fhir = fhir;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    List<ImportProblem> check(ParsedBundle bundle) {
        List<ImportProblem> problems = new ArrayList<>();
        for (ParsedBundle scope : bundle.allScopes()) {
            checkScope(scope, problems);
        }
        return problems;
    }

    private void checkScope(ParsedBundle scope, List<ImportProblem> problems) {
        Set<String> targets = new HashSet<>();
        Set<String> patientTargets = new HashSet<>();
        for (ParsedBundle.Entry entry : scope.entries()) {
            Set<String> names = referenceNames(entry);
            targets.addAll(names);
            if (entry.resource() instanceof Patient) {
                patientTargets.addAll(names);
            }
        }
        if (scope.type().equals("document")
                && (scope.entries().isEmpty() || !(scope.entries().getFirst().resource() instanceof Composition))) {
            problems.add(ImportProblem.at(scope.expression() + ".entry[0]", "Bundle", "fhir.error.documentFirstEntry"));
        }
        for (ParsedBundle.Entry entry : scope.entries()) {
            checkReferences(entry, targets, problems);
            checkSubject(entry, patientTargets, problems);
            checkCodes(entry, problems);
            checkDates(entry, problems);
        }
    }

    /** The names other entries may use for this one: its fullUrl, and Type/id. */
    static Set<String> referenceNames(ParsedBundle.Entry entry) {
        Set<String> names = new HashSet<>();
        entry.fullUrl().ifPresent(names::add);
        String id = entry.resource().getIdElement().getIdPart();
        if (id != null && !id.isBlank()) {
            names.add(entry.resourceType() + "/" + id);
        }
        entry.fullUrl().filter(url -> url.contains("/" + entry.resourceType() + "/"))
                .ifPresent(url -> names.add(url.substring(url.lastIndexOf(entry.resourceType() + "/"))));
        return names;
    }

    private void checkReferences(ParsedBundle.Entry entry, Set<String> targets, List<ImportProblem> problems) {
        visit(entry.resource(), (element, path) -> {
            if (element instanceof Reference reference && reference.hasReference()) {
                String target = reference.getReference();
                if (!target.startsWith("#") && !targets.contains(target)) {
                    problems.add(ImportProblem.at(entry.expression() + "." + path, entry.resourceType(),
                            "fhir.error.brokenReference", target));
                }
            }
        });
    }

    private void checkSubject(ParsedBundle.Entry entry, Set<String> patientTargets, List<ImportProblem> problems) {
        Optional<Reference> subject = RecordMapping.subject(entry.resource());
        if (subject.isEmpty()) {
            return;
        }
        String element = entry.resource() instanceof AllergyIntolerance ? "patient" : "subject";
        Reference reference = subject.get();
        if (!reference.hasReference() && !(reference.hasIdentifier() && reference.getIdentifier().hasValue())) {
            problems.add(ImportProblem.at(entry.expression() + "." + element, entry.resourceType(),
                    "fhir.error.missingSubject"));
        } else if (reference.hasReference() && !reference.getReference().startsWith("#")
                && !patientTargets.contains(reference.getReference())) {
            problems.add(ImportProblem.at(entry.expression() + "." + element, entry.resourceType(),
                    "fhir.error.subjectNotPatient", reference.getReference()));
        }
    }

    private void checkCodes(ParsedBundle.Entry entry, List<ImportProblem> problems) {
        String at = entry.expression();
        String type = entry.resourceType();
        switch (entry.resource()) {
            case Condition c -> {
                requireConcept(c.getCode(), at + ".code", type, problems);
                checkStatus(c.getClinicalStatus(), CONDITION_CLINICAL, at + ".clinicalStatus", type, problems);
                checkStatus(c.getVerificationStatus(), CONDITION_VERIFICATION, at + ".verificationStatus", type,
                        problems);
            }
            case AllergyIntolerance a -> {
                requireConcept(a.getCode(), at + ".code", type, problems);
                checkStatus(a.getClinicalStatus(), ALLERGY_CLINICAL, at + ".clinicalStatus", type, problems);
            }
            case Observation o -> requireConcept(o.getCode(), at + ".code", type, problems);
            case MedicationRequest m -> {
                if (!m.hasMedicationCodeableConcept() || m.getMedicationCodeableConcept().isEmpty()) {
                    problems.add(ImportProblem.at(at + ".medicationCodeableConcept", type, "fhir.error.missingCode"));
                }
            }
            case Encounter e -> {
                if (!e.hasClass_() || !e.getClass_().hasCode()) {
                    problems.add(ImportProblem.at(at + ".class", type, "fhir.error.missingCode"));
                } else if (RecordMapping.encounterClass(e.getClass_().getCode()).isEmpty()) {
                    problems.add(ImportProblem.at(at + ".class", type, "fhir.error.unknownCode",
                            e.getClass_().getCode(), "v3-ActCode"));
                }
            }
            case Composition c -> {
                if (RecordMapping.documentType(c).isEmpty()) {
                    problems.add(ImportProblem.at(at + ".type", type, "fhir.error.unknownDocumentType",
                            c.getType().getCodingFirstRep().getCode() == null ? ""
                                    : c.getType().getCodingFirstRep().getCode()));
                }
            }
            default -> {
            }
        }
        visit(entry.resource(), (element, path) -> {
            if (element instanceof Coding coding && coding.hasSystem() && coding.hasCode()) {
                Pattern format = CODE_FORMATS.get(coding.getSystem());
                if (RecordMapping.isIcd10System(coding.getSystem())) {
                    format = ICD10;
                }
                if (format != null && !format.matcher(coding.getCode()).matches()) {
                    problems.add(ImportProblem.at(at + "." + path, type, "fhir.error.malformedCode",
                            coding.getCode(), coding.getSystem()));
                }
            }
        });
    }

    private static void requireConcept(CodeableConcept concept, String at, String type, List<ImportProblem> problems) {
        boolean hasCoding = concept.getCoding().stream().anyMatch(Coding::hasCode);
        if (!concept.hasText() && !hasCoding) {
            problems.add(ImportProblem.at(at, type, "fhir.error.missingCode"));
        }
    }

    private static void checkStatus(CodeableConcept status, Set<String> allowed, String at, String type,
            List<ImportProblem> problems) {
        for (Coding coding : status.getCoding()) {
            if (coding.hasCode() && !allowed.contains(coding.getCode())) {
                problems.add(ImportProblem.at(at, type, "fhir.error.unknownCode", coding.getCode(),
                        String.join(", ", allowed.stream().sorted().toList())));
            }
        }
    }

    /** No record in this portal reaches before 1900; nothing but a plan lies more than a year ahead; nobody is born tomorrow. */
    private void checkDates(ParsedBundle.Entry entry, List<ImportProblem> problems) {
        LocalDate today = JapanTime.dateOf(clock.instant());
        visit(entry.resource(), (element, path) -> {
            if (element instanceof BaseDateTimeType date && date.getValue() != null) {
                LocalDate day = JapanTime.dateOf(date.getValue().toInstant());
                LocalDate latest = path.endsWith("birthDate") ? today : today.plusYears(1);
                if (day.isBefore(EARLIEST) || day.isAfter(latest)) {
                    problems.add(ImportProblem.at(entry.expression() + "." + path, entry.resourceType(),
                            "fhir.error.dateOutOfRange", date.getValueAsString(), EARLIEST.toString(),
                            latest.toString()));
                }
            }
        });
    }

    interface ElementVisitor {
        void accept(IBase element, String path);
    }

    /** Walks every element of a resource with its path ("subject", "code.coding[0]"). */
    void visit(Resource resource, ElementVisitor visitor) {
        fhir.newTerser().visit(resource, new IModelVisitor2() {
            @Override
            public boolean acceptElement(IBase element, List<IBase> containing,
                    List<BaseRuntimeChildDefinition> children, List<BaseRuntimeElementDefinition<?>> definitions) {
                if (!children.isEmpty()) {
                    visitor.accept(element, path(containing, children));
                }
                return true;
            }

            @Override
            public boolean acceptUndeclaredExtension(IBaseExtension<?, ?> extension, List<IBase> containing,
                    List<BaseRuntimeChildDefinition> children, List<BaseRuntimeElementDefinition<?>> definitions) {
                return true;
            }
        });
    }

    private static String path(List<IBase> containing, List<BaseRuntimeChildDefinition> children) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < children.size(); i++) {
            BaseRuntimeChildDefinition child = children.get(i);
            if (!path.isEmpty()) {
                path.append('.');
            }
            path.append(child.getElementName().replace("[x]", ""));
            if (child.getMax() != 1 && i + 1 < containing.size()) {
                IBase parent = containing.get(i);
                IBase value = containing.get(i + 1);
                List<IBase> values = child.getAccessor().getValues(parent);
                int index = values.indexOf(value);
                if (index >= 0) {
                    path.append('[').append(index).append(']');
                }
            }
        }
        return path.toString();
    }
}
