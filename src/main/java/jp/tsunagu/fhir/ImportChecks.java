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

import jp.tsunagu.record.PhrEntry;
import jp.tsunagu.shared.JapanTime;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;
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
            // LOINC parts, answers and groups (LP…, LA…, LL…, LG…) are LOINC codes too: JP Core's reports use LP codes.
            jp.tsunagu.record.Code.LOINC, Pattern.compile("(L[AGLP])?[0-9]{1,7}-[0-9]"));
    private static final Pattern ICD10 = Pattern.compile("[A-Z][0-9]{2}(\\.?[0-9A-Z]{1,4})?");
    private static final Pattern INSTITUTION_CODE = Pattern.compile("[0-9]{10}");

    /** Longest code, identifier part or name part: far beyond any real one, well within a database index entry. */
    static final int MAX_KEY_LENGTH = 256;
    /** A resource's identifiers together form its source key (unique index; PostgreSQL's limit is ~2.7 kB). */
    static final int MAX_SOURCE_KEY_BYTES = 2000;
    /** Digits before and after the decimal point of any number: more than any measurement, dose or range has. */
    static final int MAX_DIGITS = 18;

    private static final Set<String> CONDITION_CLINICAL = Set.of("active", "recurrence", "relapse", "inactive",
            "remission", "resolved");
    private static final Set<String> CONDITION_VERIFICATION = Set.of("unconfirmed", "provisional", "differential",
            "confirmed", "refuted", "entered-in-error");
    private static final Set<String> ALLERGY_CLINICAL = Set.of("active", "inactive", "resolved");

    private final Clock clock;

    ImportChecks(Optional<Clock> clock) {
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
            checkElements(entry, targets, problems);
            checkContained(entry, problems);
            checkSubject(entry, patientTargets, problems);
            checkCodes(entry, problems);
            checkPatient(entry, problems);
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

    /** Every element of the entry once, contained resources included, each checked for what its type needs. */
    private void checkElements(ParsedBundle.Entry entry, Set<String> targets, List<ImportProblem> problems) {
        Set<String> containedIds = containedIds(entry.resource());
        LocalDate today = JapanTime.dateOf(clock.instant());
        walk(entry.resource(), (element, path) -> {
            String at = entry.expression() + "." + path;
            String type = entry.resourceType();
            switch (element) {
                case Reference reference -> checkReference(reference, containedIds, targets, at, type, problems);
                case Coding coding -> checkCoding(coding, at, type, problems);
                case Identifier identifier -> checkIdentifier(identifier, at, type, problems);
                case HumanName name -> {
                    fits(name.getText(), at + ".text", type, problems);
                    fits(name.getFamily(), at + ".family", type, problems);
                    for (int i = 0; i < name.getGiven().size(); i++) {
                        fits(name.getGiven().get(i).getValue(), at + ".given[" + i + "]", type, problems);
                    }
                }
                case BaseDateTimeType date -> checkDate(date, today, at, type, problems);
                case DecimalType decimal -> checkDecimal(decimal, at, type, problems);
                case Narrative narrative when narrative.hasDiv() -> checkCharacters(narrative.getDivAsString(),
                        at + ".div", type, problems);
                default -> {
                }
            }
            if (element instanceof PrimitiveType<?> primitive && primitive.hasValue()) {
                checkCharacters(primitive.getValueAsString(), at, type, problems);
            }
        });
        checkIdentifiers(entry, problems);
    }

    /**
     * "#id" points into the resource's own contained resources ("#" alone to the resource itself), anything
     * else to another entry of the bundle.
     */
    private static void checkReference(Reference reference, Set<String> containedIds, Set<String> targets, String at,
            String type, List<ImportProblem> problems) {
        String target = reference.getReference();
        if (RecordMapping.blank(target)) {
            return;
        }
        if (target.startsWith("#")) {
            if (target.length() > 1 && !containedIds.contains(target.substring(1))) {
                problems.add(ImportProblem.at(at, type, "fhir.error.brokenContainedReference", target));
            }
        } else if (!targets.contains(target)) {
            problems.add(ImportProblem.at(at, type, "fhir.error.brokenReference", target));
        }
    }

    private static Set<String> containedIds(Resource resource) {
        Set<String> ids = new HashSet<>();
        if (resource instanceof DomainResource domain) {
            domain.getContained().forEach(c -> ids.add(containedId(c)));
        }
        return ids;
    }

    /** HAPI keeps a contained resource's id with or without its "#", depending on how it got there. */
    private static String containedId(Resource contained) {
        String id = contained.getIdElement().getIdPart();
        return id == null ? "" : id.startsWith("#") ? id.substring(1) : id;
    }

    /** Two contained resources with one id make "#id" mean either. */
    private static void checkContained(ParsedBundle.Entry entry, List<ImportProblem> problems) {
        if (!(entry.resource() instanceof DomainResource domain)) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < domain.getContained().size(); i++) {
            String id = containedId(domain.getContained().get(i));
            if (!seen.add(id)) {
                problems.add(ImportProblem.at(entry.expression() + ".contained[" + i + "].id", entry.resourceType(),
                        "fhir.error.duplicateContainedId", id));
            }
        }
    }

    private void checkSubject(ParsedBundle.Entry entry, Set<String> patientTargets, List<ImportProblem> problems) {
        Optional<Reference> subject = RecordMapping.subject(entry.resource());
        if (subject.isEmpty()) {
            return;
        }
        String element = entry.expression() + "."
                + (entry.resource() instanceof AllergyIntolerance ? "patient" : "subject");
        String target = subject.get().getReference();
        Identifier identifier = subject.get().getIdentifier();
        boolean byIdentifier = !RecordMapping.blank(identifier.getValue());
        if (RecordMapping.blank(target) && !byIdentifier) {
            problems.add(ImportProblem.at(element, entry.resourceType(), "fhir.error.missingSubject"));
        } else if (!RecordMapping.blank(target) && !target.startsWith("#") && !patientTargets.contains(target)) {
            problems.add(ImportProblem.at(element, entry.resourceType(), "fhir.error.subjectNotPatient", target));
        }
        // A patient is found by naming system and number together; a number alone could be anyone's.
        if (byIdentifier && RecordMapping.blank(identifier.getSystem())) {
            problems.add(ImportProblem.at(element + ".identifier.system", entry.resourceType(),
                    "fhir.error.identifierWithoutSystem"));
        }
    }

    /** A patient registered from this bundle needs a name the directory can hold. */
    private static void checkPatient(ParsedBundle.Entry entry, List<ImportProblem> problems) {
        if (entry.resource() instanceof Patient patient && patient.hasName()
                && patient.getName().stream().noneMatch(RecordMapping::isUsableName)) {
            problems.add(ImportProblem.at(entry.expression() + ".name", entry.resourceType(),
                    "fhir.error.emptyName"));
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
            case Observation o -> {
                requireConcept(o.getCode(), at + ".code", type, problems);
                checkPhrType(o, at, type, problems);
            }
            case MedicationRequest m -> {
                if (RecordMapping.medication(m).isEmpty()) {
                    problems.add(ImportProblem.at(at + (m.hasMedicationReference() ? ".medicationReference"
                            : ".medicationCodeableConcept"), type, "fhir.error.missingCode"));
                }
            }
            case Encounter e -> {
                if (RecordMapping.blank(e.getClass_().getCode())) {
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
    }

    /** Tsunagu's own measurement types (its export writes them): only those it knows come back in. */
    private static void checkPhrType(Observation o, String at, String type, List<ImportProblem> problems) {
        List<Coding> codings = o.getCode().getCoding();
        for (int i = 0; i < codings.size(); i++) {
            Coding coding = codings.get(i);
            if (RecordMapping.PHR_TYPE_SYSTEM.equals(coding.getSystem())
                    && RecordMapping.phrType(coding.getCode()).isEmpty()) {
                problems.add(ImportProblem.at(at + ".code.coding[" + i + "]", type, "fhir.error.unknownCode",
                        String.valueOf(coding.getCode()), String.join(", ",
                                java.util.Arrays.stream(PhrEntry.PhrType.values()).map(Enum::name).toList())));
            }
        }
    }

    private static void checkCoding(Coding coding, String at, String type, List<ImportProblem> problems) {
        if (!fits(coding.getCode(), at + ".code", type, problems)) {
            return;
        }
        if (!RecordMapping.blank(coding.getSystem()) && !RecordMapping.blank(coding.getCode())) {
            Pattern format = RecordMapping.isIcd10System(coding.getSystem()) ? ICD10 : CODE_FORMATS.get(coding.getSystem());
            if (format != null && !format.matcher(coding.getCode()).matches()) {
                problems.add(ImportProblem.at(at, type, "fhir.error.malformedCode", coding.getCode(),
                        coding.getSystem()));
            }
        }
    }

    private static void requireConcept(CodeableConcept concept, String at, String type, List<ImportProblem> problems) {
        boolean hasCoding = concept.getCoding().stream().anyMatch(c -> !RecordMapping.blank(c.getCode()));
        if (RecordMapping.blank(concept.getText()) && !hasCoding) {
            problems.add(ImportProblem.at(at, type, "fhir.error.missingCode"));
        }
    }

    private static void checkStatus(CodeableConcept status, Set<String> allowed, String at, String type,
            List<ImportProblem> problems) {
        for (Coding coding : status.getCoding()) {
            if (!RecordMapping.blank(coding.getCode()) && !allowed.contains(coding.getCode())) {
                problems.add(ImportProblem.at(at, type, "fhir.error.unknownCode", coding.getCode(),
                        String.join(", ", allowed.stream().sorted().toList())));
            }
        }
    }

    /** No record in this portal reaches before 1900; nothing but a plan lies more than a year ahead; nobody is born tomorrow. */
    private static void checkDate(BaseDateTimeType date, LocalDate today, String at, String type,
            List<ImportProblem> problems) {
        if (date.getValue() == null) {
            return;
        }
        LocalDate day = JapanTime.dateOf(date.getValue().toInstant());
        LocalDate latest = at.endsWith("birthDate") ? today : today.plusYears(1);
        if (day.isBefore(EARLIEST) || day.isAfter(latest)) {
            problems.add(ImportProblem.at(at, type, "fhir.error.dateOutOfRange", date.getValueAsString(),
                    EARLIEST.toString(), latest.toString()));
        }
    }

    /**
     * Measured values, doses and ranges are stored as SQL numerics: a number beyond 18 digits before or after
     * the point (1e400, 1e-400) is a sender's bug, and the database could not hold the worst of them.
     */
    private static void checkDecimal(DecimalType decimal, String at, String type, List<ImportProblem> problems) {
        java.math.BigDecimal value = decimal.getValue();
        if (value == null || value.signum() == 0) {
            return;
        }
        int integerDigits = value.precision() - value.scale();
        if (integerDigits > MAX_DIGITS || value.scale() > MAX_DIGITS) {
            problems.add(ImportProblem.at(at, type, "fhir.error.numberOutOfRange", decimal.getValueAsString(),
                    MAX_DIGITS));
        }
    }

    /**
     * FHIR strings hold no control characters but tab and line breaks, and a lone UTF-16 surrogate (an
     * unpaired JSON escape) is no character at all: the database could store neither faithfully.
     */
    private static void checkCharacters(String text, String at, String type, List<ImportProblem> problems) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
            boolean loneSurrogate = c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE;
            if (control || loneSurrogate || c == 0xFFFE || c == 0xFFFF) {
                problems.add(ImportProblem.at(at, type, "fhir.error.invalidCharacter", String.format("U+%04X", c)));
                return;
            }
            i += Character.charCount(c);
        }
    }

    /**
     * Codes, identifiers and names are what the record finds items and patients by (database indexes,
     * source keys): each is kept short. Returns whether the text fits.
     */
    private static boolean fits(String text, String at, String type, List<ImportProblem> problems) {
        if (text != null && text.length() > MAX_KEY_LENGTH) {
            problems.add(ImportProblem.at(at, type, "fhir.error.tooLong", text.length(), MAX_KEY_LENGTH));
            return false;
        }
        return true;
    }

    /**
     * An identifier's system and value are text the directory and the source keys use as they are: present
     * means non-blank (HAPI counts an element with only an extension, or with blanks, as present).
     * 医療機関コード are ten digits; the directory keeps organisations by them.
     */
    private static void checkIdentifier(Identifier identifier, String at, String type, List<ImportProblem> problems) {
        if (identifier.hasSystem() && RecordMapping.blank(identifier.getSystem())) {
            problems.add(ImportProblem.at(at + ".system", type, "fhir.error.blankIdentifier", "system"));
        }
        if (identifier.hasValue() && RecordMapping.blank(identifier.getValue())) {
            problems.add(ImportProblem.at(at + ".value", type, "fhir.error.blankIdentifier", "value"));
        }
        boolean fit = fits(identifier.getSystem(), at + ".system", type, problems);
        fit &= fits(identifier.getValue(), at + ".value", type, problems);
        if (fit && jp.tsunagu.directory.Identifier.MEDICAL_INSTITUTION.equals(identifier.getSystem())
                && !RecordMapping.blank(identifier.getValue())
                && !INSTITUTION_CODE.matcher(identifier.getValue()).matches()) {
            problems.add(ImportProblem.at(at + ".value", type, "fhir.error.malformedCode", identifier.getValue(),
                    identifier.getSystem()));
        }
    }

    /** All identifiers of a resource together are its key at the source; that key must fit an index entry. */
    private static void checkIdentifiers(ParsedBundle.Entry entry, List<ImportProblem> problems) {
        Property property = entry.resource().getNamedProperty("identifier");
        if (property == null) {
            return;
        }
        int bytes = property.getValues().stream().filter(Identifier.class::isInstance).map(Identifier.class::cast)
                .mapToInt(i -> utf8Length(i.getSystem()) + utf8Length(i.getValue()) + 2).sum();
        if (bytes > MAX_SOURCE_KEY_BYTES) {
            problems.add(ImportProblem.at(entry.expression() + ".identifier", entry.resourceType(),
                    "fhir.error.identifiersTooLong", MAX_SOURCE_KEY_BYTES));
        }
    }

    private static int utf8Length(String text) {
        return text == null ? 0 : text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    interface ElementVisitor {
        void accept(Base element, String path);
    }

    /**
     * Walks every element of a resource with its FHIRPath-like path ("subject", "code.coding[0]",
     * "contained[1].ingredient[0].itemCodeableConcept"): choice elements by their name without "[x]",
     * repeating elements with their index. Contained resources are walked as the elements they are.
     */
    static void walk(Base element, ElementVisitor visitor) {
        walk(element, "", visitor);
    }

    private static void walk(Base element, String path, ElementVisitor visitor) {
        for (Property property : element.children()) {
            String name = property.getName().replace("[x]", "");
            List<Base> values = property.getValues();
            for (int i = 0; i < values.size(); i++) {
                Base value = values.get(i);
                if (value == null) {
                    continue;
                }
                String at = (path.isEmpty() ? "" : path + ".") + name + (property.isList() ? "[" + i + "]" : "");
                visitor.accept(value, at);
                walk(value, at, visitor);
            }
        }
    }
}
