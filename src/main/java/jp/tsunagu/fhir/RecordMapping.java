package jp.tsunagu.fhir;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.OrganisationDetails;
import jp.tsunagu.directory.OrganisationKind;
import jp.tsunagu.directory.PatientDetails;
import jp.tsunagu.directory.Sex;
import jp.tsunagu.record.Allergy;
import jp.tsunagu.record.ClinicalDocument;
import jp.tsunagu.record.Code;
import jp.tsunagu.record.Diagnosis;
import jp.tsunagu.record.Encounter.EncounterClass;
import jp.tsunagu.record.InfectionTest;
import jp.tsunagu.record.ItemContent;
import jp.tsunagu.record.LabResult;
import jp.tsunagu.record.OtherResource;
import jp.tsunagu.record.PhrEntry;
import jp.tsunagu.record.Prescription;
import jp.tsunagu.record.SensitiveLabel;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shared.PersonName;
import jp.tsunagu.shared.Prefecture;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;

/**
 * JP Core / JP-CLINS resources to the record's typed items and the directory's entries, and the code
 * systems both directions agree on. {@link RecordRendering} is the way back.
 */
final class RecordMapping {

    /** JP-CLINS flags (未告知 UNINFORMED, 長期保存 LTS) in meta.tag. */
    static final String CLINS_INDICATION = "http://jpfhir.jp/fhir/clins/CodeSystem/JP_ehrshrs_indication";
    static final String UNINFORMED = "UNINFORMED";
    static final String V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    static final String SENSITIVE_LABEL_SYSTEM = "https://tsunagu.jp/fhir/CodeSystem/sensitive-label";
    static final String RECORD_CATEGORY_SYSTEM = "https://tsunagu.jp/fhir/CodeSystem/record-category";
    static final String PHR_TYPE_SYSTEM = "https://tsunagu.jp/fhir/CodeSystem/phr-type";
    static final String REPRESENTATION = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";
    static final String PREFECTURE_EXTENSION =
            "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Organization_PrefectureNo";
    static final String INSTITUTION_CATEGORY_EXTENSION =
            "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Organization_InsuranceOrganizationCategory";

    static final String DOC_REFERRAL = "57133-1";
    static final String DOC_DISCHARGE = "18842-5";
    static final String DOC_HEALTH_CHECK = "53576-5";

    /** JLAC10 analyte codes (first five characters) of infection tests the sharing service lists as 感染症. */
    static final Set<String> INFECTION_ANALYTES = Set.of("5E071", "5E072", "5E073", "5F016", "5F017", "5F360",
            "5F361", "5F420", "5F421", "5F625");

    private RecordMapping() {
    }

    static boolean isIcd10System(String system) {
        String s = system.toLowerCase(Locale.ROOT);
        return s.contains("icd-10") || s.contains("icd10");
    }

    static Optional<EncounterClass> encounterClass(String code) {
        return switch (code) {
            case "AMB" -> Optional.of(EncounterClass.AMB);
            case "IMP", "ACUTE", "NONAC" -> Optional.of(EncounterClass.IMP);
            case "EMER" -> Optional.of(EncounterClass.EMER);
            case "HH" -> Optional.of(EncounterClass.HH);
            case "VR" -> Optional.of(EncounterClass.VR);
            case "FLD", "OBSENC", "PRENC", "SS" -> Optional.of(EncounterClass.OTHER);
            default -> Optional.empty();
        };
    }

    static Optional<ClinicalDocument.DocumentType> documentType(Composition composition) {
        for (Coding coding : composition.getType().getCoding()) {
            if (!blank(coding.getCode())) {
                switch (coding.getCode()) {
                    case DOC_REFERRAL -> {
                        return Optional.of(ClinicalDocument.DocumentType.REFERRAL_LETTER);
                    }
                    case DOC_DISCHARGE -> {
                        return Optional.of(ClinicalDocument.DocumentType.DISCHARGE_SUMMARY);
                    }
                    case DOC_HEALTH_CHECK -> {
                        return Optional.of(ClinicalDocument.DocumentType.HEALTH_CHECK);
                    }
                    default -> {
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The typed item for a resource; empty for directory resources (Patient, Organization, Practitioner…). */
    static Optional<ItemContent> content(Resource resource) {
        return switch (resource) {
            case Patient ignored -> Optional.empty();
            case Organization ignored -> Optional.empty();
            case org.hl7.fhir.r4.model.Practitioner ignored -> Optional.empty();
            case org.hl7.fhir.r4.model.PractitionerRole ignored -> Optional.empty();
            case Condition c -> Optional.of(diagnosis(c));
            case org.hl7.fhir.r4.model.AllergyIntolerance a -> Optional.of(allergy(a));
            case Observation o -> Optional.of(observation(o));
            case MedicationRequest m -> Optional.of(prescription(m));
            case Encounter e -> Optional.of(encounter(e));
            case Composition c -> Optional.of(document(c));
            case DocumentReference d -> Optional.of(new OtherResource("DocumentReference",
                    Optional.ofNullable(d.getDescription()), instant(d.getDateElement())));
            default -> Optional.of(new OtherResource(resource.fhirType(), Optional.empty(), Optional.empty()));
        };
    }

    /** The reference to the patient a clinical resource is about, for the kinds that must have one. */
    static Optional<org.hl7.fhir.r4.model.Reference> subject(Resource resource) {
        return switch (resource) {
            case Condition c -> Optional.of(c.getSubject());
            case org.hl7.fhir.r4.model.AllergyIntolerance a -> Optional.of(a.getPatient());
            case Observation o -> Optional.of(o.getSubject());
            case MedicationRequest m -> Optional.of(m.getSubject());
            case Composition c -> Optional.of(c.getSubject());
            default -> Optional.empty();
        };
    }

    static boolean undisclosed(Resource resource) {
        return resource.getMeta().getTag().stream()
                .anyMatch(tag -> CLINS_INDICATION.equals(tag.getSystem()) && UNINFORMED.equals(tag.getCode()));
    }

    static List<SensitiveLabel> sensitiveLabels(Resource resource) {
        return resource.getMeta().getSecurity().stream()
                .map(RecordMapping::sensitiveLabel)
                .flatMap(Optional::stream)
                .distinct().sorted().toList();
    }

    private static Optional<SensitiveLabel> sensitiveLabel(Coding coding) {
        if (SENSITIVE_LABEL_SYSTEM.equals(coding.getSystem())) {
            return SensitiveLabel.ofName(coding.getCode());
        }
        if (!V3_ACT_CODE.equals(coding.getSystem()) || coding.getCode() == null) {
            return Optional.empty();
        }
        return switch (coding.getCode()) {
            case "PSY", "PSYTHPN", "MH" -> Optional.of(SensitiveLabel.MENTAL_HEALTH);
            case "HIV" -> Optional.of(SensitiveLabel.HIV);
            case "GDIS" -> Optional.of(SensitiveLabel.GENETIC);
            case "STD", "SEX" -> Optional.of(SensitiveLabel.SEXUAL_HEALTH);
            case "ETH", "ETHUD", "SUD", "OPIOIDUD" -> Optional.of(SensitiveLabel.SUBSTANCE_USE);
            default -> Optional.empty();
        };
    }

    private static Diagnosis diagnosis(Condition c) {
        Optional<String> onsetText = Optional.empty();
        Optional<LocalDate> onsetDate = Optional.empty();
        if (c.hasOnsetDateTimeType()) {
            onsetText = Optional.ofNullable(c.getOnsetDateTimeType().getValueAsString());
            onsetDate = date(c.getOnsetDateTimeType());
        } else if (c.hasOnsetStringType()) {
            onsetText = Optional.ofNullable(c.getOnsetStringType().getValue());
        }
        Optional<String> icd10 = c.getCode().getCoding().stream()
                .filter(coding -> !blank(coding.getSystem()) && isIcd10System(coding.getSystem())
                        && !blank(coding.getCode()))
                .map(Coding::getCode).findFirst();
        return new Diagnosis(name(c.getCode()), code(c.getCode()), icd10, statusCode(c.getClinicalStatus()),
                statusCode(c.getVerificationStatus()), onsetText, onsetDate, notes(c.getNote()));
    }

    private static Allergy allergy(org.hl7.fhir.r4.model.AllergyIntolerance a) {
        Allergy.AllergyCategory category = a.getCategory().stream()
                .map(e -> e.getValue() == null ? Allergy.AllergyCategory.UNKNOWN
                        : Allergy.AllergyCategory.valueOf(e.getValue().toCode().toUpperCase(Locale.ROOT)))
                .findFirst().orElse(Allergy.AllergyCategory.UNKNOWN);
        String reaction = a.getReaction().stream()
                .flatMap(r -> r.getManifestation().stream())
                .map(RecordMapping::name)
                .collect(Collectors.joining("、"));
        return new Allergy(name(a.getCode()), code(a.getCode()), category,
                Optional.ofNullable(a.getType()).map(t -> t.toCode()),
                Optional.ofNullable(a.getCriticality()).map(t -> t.toCode()),
                statusCode(a.getClinicalStatus()),
                reaction.isEmpty() ? Optional.empty() : Optional.of(reaction),
                notes(a.getNote()), instant(a.getRecordedDateElement()));
    }

    private static ItemContent observation(Observation o) {
        Optional<Instant> effective = o.hasEffectiveDateTimeType() ? instant(o.getEffectiveDateTimeType())
                : o.hasEffectiveInstantType() ? instant(o.getEffectiveInstantType()) : Optional.empty();
        Optional<PhrEntry.PhrType> phr = o.getCode().getCoding().stream()
                .filter(c -> PHR_TYPE_SYSTEM.equals(c.getSystem())).findFirst().flatMap(c -> phrType(c.getCode()));
        if (phr.isPresent() && effective.isPresent()) {
            return phrEntry(o, phr.get(), effective.get());
        }
        if (isInfectionTest(o)) {
            String result = o.hasValueCodeableConcept() ? name(o.getValueCodeableConcept())
                    : o.hasValueStringType() ? java.util.Objects.requireNonNullElse(o.getValueStringType().getValue(), "")
                    : o.hasValueQuantity() && o.getValueQuantity().hasValue()
                            ? o.getValueQuantity().getValue().toPlainString() : "";
            Optional<Boolean> positive = o.getInterpretation().stream().flatMap(i -> i.getCoding().stream())
                    .map(Coding::getCode).filter(c -> c != null && (c.equals("POS") || c.equals("NEG")))
                    .map(c -> c.equals("POS")).findFirst();
            return new InfectionTest(name(o.getCode()), code(o.getCode()), result, positive, effective);
        }
        if (isLab(o)) {
            Optional<BigDecimal> value = o.hasValueQuantity() ? Optional.ofNullable(o.getValueQuantity().getValue())
                    : Optional.empty();
            Optional<String> unit = o.hasValueQuantity() ? Optional.ofNullable(o.getValueQuantity().getUnit())
                    : Optional.empty();
            Optional<String> text = o.hasValueStringType() ? Optional.ofNullable(o.getValueStringType().getValue())
                    : o.hasValueCodeableConcept() ? Optional.of(name(o.getValueCodeableConcept())) : Optional.empty();
            var range = o.getReferenceRangeFirstRep();
            return new LabResult(name(o.getCode()), code(o.getCode()), value, text, unit,
                    range.hasLow() ? Optional.ofNullable(range.getLow().getValue()) : Optional.empty(),
                    range.hasHigh() ? Optional.ofNullable(range.getHigh().getValue()) : Optional.empty(),
                    o.getInterpretation().stream().flatMap(i -> i.getCoding().stream()).map(Coding::getCode)
                            .filter(c -> c != null).findFirst(),
                    effective);
        }
        String summary = name(o.getCode()) + (o.hasValueStringType() && o.getValueStringType().getValue() != null
                ? "：" + o.getValueStringType().getValue() : "");
        return new OtherResource("Observation", Optional.of(summary), effective);
    }

    /** Tsunagu's own measurement type code (its export writes them); empty for any other code. */
    static Optional<PhrEntry.PhrType> phrType(String code) {
        return java.util.Arrays.stream(PhrEntry.PhrType.values()).filter(t -> t.name().equals(code)).findFirst();
    }

    private static PhrEntry phrEntry(Observation o, PhrEntry.PhrType type, Instant measuredAt) {
        Optional<BigDecimal> v1 = Optional.empty();
        Optional<BigDecimal> v2 = Optional.empty();
        Optional<String> unit = Optional.empty();
        if (o.hasComponent()) {
            // A component may carry a value of another type; only quantities are measurements.
            Quantity first = o.getComponent().get(0).hasValueQuantity() ? o.getComponent().get(0).getValueQuantity()
                    : new Quantity();
            v1 = Optional.ofNullable(first.getValue());
            unit = Optional.ofNullable(first.getUnit());
            if (o.getComponent().size() > 1 && o.getComponent().get(1).hasValueQuantity()) {
                v2 = Optional.ofNullable(o.getComponent().get(1).getValueQuantity().getValue());
            }
        } else if (o.hasValueQuantity()) {
            v1 = Optional.ofNullable(o.getValueQuantity().getValue());
            unit = Optional.ofNullable(o.getValueQuantity().getUnit());
        }
        return new PhrEntry(type, v1, v2, unit, notes(o.getNote()), measuredAt);
    }

    private static boolean isInfectionTest(Observation o) {
        boolean tagged = o.getCategory().stream().flatMap(c -> c.getCoding().stream())
                .anyMatch(c -> RECORD_CATEGORY_SYSTEM.equals(c.getSystem()) && "INFECTION".equals(c.getCode()));
        boolean infectionCode = o.getCode().getCoding().stream()
                .anyMatch(c -> Code.JLAC10.equals(c.getSystem()) && c.getCode() != null && c.getCode().length() >= 5
                        && INFECTION_ANALYTES.contains(c.getCode().substring(0, 5)));
        return tagged || infectionCode;
    }

    private static boolean isLab(Observation o) {
        boolean laboratory = o.getCategory().stream().flatMap(c -> c.getCoding().stream())
                .anyMatch(c -> "laboratory".equals(c.getCode()));
        boolean labCode = o.getCode().getCoding().stream()
                .anyMatch(c -> Code.JLAC10.equals(c.getSystem()) || Code.LOINC.equals(c.getSystem()));
        return laboratory || (labCode && o.hasValueQuantity());
    }

    /**
     * What is prescribed: the medication's code, or, when the request points to a Medication it contains
     * (JP Core's injections do), that medication's code, else its ingredients (names joined, codes kept).
     * Empty when neither tells.
     */
    static CodeableConcept medication(MedicationRequest m) {
        if (m.hasMedicationCodeableConcept()) {
            return m.getMedicationCodeableConcept();
        }
        if (!m.hasMedicationReference() || !(m.getMedicationReference().getResource()
                instanceof org.hl7.fhir.r4.model.Medication medication)) {
            return new CodeableConcept();
        }
        if (!medication.getCode().isEmpty()) {
            return medication.getCode();
        }
        CodeableConcept ingredients = new CodeableConcept();
        List<String> names = new ArrayList<>();
        for (var ingredient : medication.getIngredient()) {
            if (ingredient.hasItemCodeableConcept()) {
                CodeableConcept item = ingredient.getItemCodeableConcept();
                item.getCoding().forEach(ingredients::addCoding);
                String name = name(item);
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        if (!names.isEmpty()) {
            ingredients.setText(String.join("、", names));
        }
        return ingredients;
    }

    private static Prescription prescription(MedicationRequest m) {
        CodeableConcept medication = medication(m);
        Optional<Code> code = medication.getCoding().stream()
                .filter(c -> (Code.YJ.equals(c.getSystem()) || Code.HOT9.equals(c.getSystem())) && !blank(c.getCode()))
                .findFirst().map(RecordMapping::code).or(() -> code(medication));
        var dosage = m.getDosageInstructionFirstRep();
        Optional<Quantity> dose = dosage.hasDoseAndRate() && dosage.getDoseAndRateFirstRep().hasDoseQuantity()
                ? Optional.of(dosage.getDoseAndRateFirstRep().getDoseQuantity()) : Optional.empty();
        Period period = m.getDispenseRequest().hasValidityPeriod() ? m.getDispenseRequest().getValidityPeriod()
                : dosage.getTiming().getRepeat().hasBoundsPeriod() ? dosage.getTiming().getRepeat().getBoundsPeriod()
                : new Period();
        Optional<LocalDate> start = period.hasStart() ? date(period.getStartElement())
                : m.hasAuthoredOn() ? date(m.getAuthoredOnElement()) : Optional.empty();
        return new Prescription(name(medication), code, Optional.ofNullable(dosage.getText()),
                dose.map(Quantity::getValue), dose.map(Quantity::getUnit), start,
                period.hasEnd() ? date(period.getEndElement()) : Optional.empty(),
                Optional.ofNullable(m.getStatus()).map(s -> s.toCode()));
    }

    private static jp.tsunagu.record.Encounter encounter(Encounter e) {
        Period period = e.hasPeriod() ? e.getPeriod()
                : e.hasClassHistory() ? e.getClassHistoryFirstRep().getPeriod() : new Period();
        Optional<String> ward = e.hasServiceType() ? Optional.of(name(e.getServiceType())) : Optional.empty();
        return new jp.tsunagu.record.Encounter(encounterClass(e.getClass_().getCode()).orElseThrow(),
                e.getStatus() == null ? "unknown" : e.getStatus().toCode(), ward,
                period.hasStart() ? instant(period.getStartElement()) : Optional.empty(),
                period.hasEnd() ? instant(period.getEndElement()) : Optional.empty());
    }

    private static ClinicalDocument document(Composition c) {
        List<ClinicalDocument.Section> sections = new ArrayList<>();
        addSections(c.getSection(), 0, sections);
        return new ClinicalDocument(documentType(c).orElseThrow(),
                !blank(c.getTitle()) ? c.getTitle() : name(c.getType()),
                c.getStatus() == null ? "unknown" : c.getStatus().toCode(),
                instant(c.getDateElement()), sections);
    }

    private static void addSections(List<Composition.SectionComponent> from, int depth,
            List<ClinicalDocument.Section> to) {
        for (Composition.SectionComponent section : from) {
            Optional<String> code = section.getCode().getCoding().stream().map(Coding::getCode)
                    .filter(java.util.Objects::nonNull).findFirst();
            to.add(new ClinicalDocument.Section(depth, !blank(section.getTitle()) ? section.getTitle() : code.orElse(""),
                    code, plainText(section.getText())));
            addSections(section.getSection(), depth + 1, to);
        }
    }

    /** Narrative XHTML as the text a phone shows: line breaks kept, tags dropped, entities decoded. */
    static String plainText(Narrative narrative) {
        if (!narrative.hasDiv()) {
            return "";
        }
        String xhtml = narrative.getDivAsString();
        String text = xhtml.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("(?i)</(p|div|li|tr|h\\d)>", "\n")
                .replaceAll("<[^>]+>", "");
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }

    /**
     * The directory's entry for a patient. The name is the ideographic (漢字) one, else one without a
     * representation, else any; only names that say something count. ImportChecks refuses a Patient whose
     * names all say nothing, so a name is there.
     */
    static PatientDetails patient(Patient p) {
        List<HumanName> usable = p.getName().stream().filter(RecordMapping::isUsableName).toList();
        Optional<HumanName> ideographic = representation(usable, "IDE")
                .or(() -> usable.stream().filter(n -> !hasRepresentation(n)).findFirst());
        Optional<HumanName> syllabic = representation(usable, "SYL");
        HumanName name = ideographic.or(() -> usable.stream().findFirst()).orElseThrow();
        boolean parts = !blank(name.getFamily()) || firstGiven(name).isPresent();
        PersonName personName = new PersonName(
                parts ? Optional.ofNullable(name.getFamily()).orElse("") : name.getText(),
                firstGiven(name).orElse(""),
                syllabic.map(HumanName::getFamily).filter(f -> !blank(f)),
                syllabic.flatMap(RecordMapping::firstGiven));
        Optional<String> address = p.getAddress().stream().map(a -> a.getText()).filter(t -> t != null).findFirst();
        Optional<String> postal = p.getAddress().stream().map(a -> a.getPostalCode()).filter(t -> t != null)
                .findFirst();
        return new PatientDetails(personName,
                date(p.getBirthDateElement()).orElseThrow(),
                p.getGender() == null ? Sex.UNKNOWN : Sex.ofCode(p.getGender().toCode()).orElse(Sex.UNKNOWN),
                address.flatMap(Prefecture::ofAddress),
                postal, address,
                telecom(p.getTelecom(), ContactPoint.ContactPointSystem.PHONE),
                telecom(p.getTelecom(), ContactPoint.ContactPointSystem.EMAIL),
                identifiers(p));
    }

    /** A name with a family name, a given name or at least a text. */
    static boolean isUsableName(HumanName name) {
        return !blank(name.getFamily()) || firstGiven(name).isPresent() || !blank(name.getText());
    }

    private static Optional<String> firstGiven(HumanName name) {
        return name.getGiven().stream().map(org.hl7.fhir.r4.model.StringType::getValue).filter(g -> !blank(g))
                .findFirst();
    }

    /**
     * Whether a primitive's text is missing. HAPI's hasX() is also true for an element with only an
     * extension (a data-absent-reason) and no value, so what is read is the text, never hasX().
     */
    static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** HAPI's hasValue() is true for a value with only an extension; the directory needs the text itself. */
    static List<Identifier> identifiers(Patient p) {
        return p.getIdentifier().stream().filter(i -> !blank(i.getSystem()) && !blank(i.getValue()))
                .map(i -> new Identifier(i.getSystem(), i.getValue())).toList();
    }

    static Optional<String> institutionCode(Organization o) {
        return o.getIdentifier().stream()
                .filter(i -> Identifier.MEDICAL_INSTITUTION.equals(i.getSystem()) && !blank(i.getValue()))
                .map(org.hl7.fhir.r4.model.Identifier::getValue).findFirst();
    }

    static OrganisationDetails organisation(Organization o, String institutionCode) {
        Optional<Prefecture> prefecture = extension(o, PREFECTURE_EXTENSION)
                .flatMap(e -> e.getValue() instanceof Coding c && c.getCode() != null ? Prefecture.ofCode(c.getCode())
                        : Optional.empty())
                .or(() -> o.getAddress().stream().map(a -> a.getText()).filter(t -> t != null)
                        .flatMap(t -> Prefecture.ofAddress(t).stream()).findFirst())
                .or(() -> Prefecture.ofCode(institutionCode.substring(0, Math.min(2, institutionCode.length()))));
        boolean pharmacy = extension(o, INSTITUTION_CATEGORY_EXTENSION)
                .map(e -> e.getValue() instanceof Coding c && "4".equals(c.getCode())).orElse(false);
        String name = !blank(o.getName()) ? o.getName() : institutionCode;
        OrganisationKind kind = pharmacy ? OrganisationKind.PHARMACY
                : name.contains("病院") ? OrganisationKind.HOSPITAL : OrganisationKind.CLINIC;
        return new OrganisationDetails(kind, name, prefecture, Optional.empty(),
                Identifier.medicalInstitution(institutionCode),
                telecom(o.getTelecom(), ContactPoint.ContactPointSystem.PHONE),
                o.getAddress().stream().map(a -> a.getText()).filter(t -> t != null).findFirst());
    }

    private static Optional<Extension> extension(org.hl7.fhir.r4.model.DomainResource r, String url) {
        return r.getExtension().stream().filter(e -> url.equals(e.getUrl())).findFirst();
    }

    private static Optional<HumanName> representation(List<HumanName> names, String code) {
        return names.stream().filter(n -> n.getExtension().stream().anyMatch(e -> REPRESENTATION.equals(e.getUrl())
                && e.getValue() != null && code.equals(e.getValue().primitiveValue()))).findFirst();
    }

    private static boolean hasRepresentation(HumanName name) {
        return name.getExtension().stream().anyMatch(e -> REPRESENTATION.equals(e.getUrl()));
    }

    private static Optional<String> telecom(List<ContactPoint> telecom, ContactPoint.ContactPointSystem system) {
        return telecom.stream().filter(t -> t.getSystem() == system && t.hasValue()).map(ContactPoint::getValue)
                .findFirst();
    }

    static String name(CodeableConcept concept) {
        if (!blank(concept.getText())) {
            return concept.getText();
        }
        return concept.getCoding().stream()
                .map(c -> !blank(c.getDisplay()) ? c.getDisplay() : c.getCode())
                .filter(java.util.Objects::nonNull).findFirst().orElse("");
    }

    private static Optional<Code> code(CodeableConcept concept) {
        return concept.getCoding().stream().filter(c -> !blank(c.getSystem()) && !blank(c.getCode())).findFirst()
                .map(RecordMapping::code);
    }

    private static Code code(Coding coding) {
        return new Code(coding.getSystem(), coding.getCode(), Optional.ofNullable(coding.getDisplay()));
    }

    private static Optional<String> statusCode(CodeableConcept status) {
        return status.getCoding().stream().map(Coding::getCode).filter(java.util.Objects::nonNull).findFirst();
    }

    private static Optional<String> notes(List<Annotation> notes) {
        String text = notes.stream().map(Annotation::getText).filter(java.util.Objects::nonNull)
                .collect(Collectors.joining("\n"));
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    static Optional<Instant> instant(BaseDateTimeType value) {
        return value == null || value.getValue() == null ? Optional.empty() : Optional.of(value.getValue().toInstant());
    }

    /** A date as written: "2022-05" is 1 May 2022 wherever the server runs; a moment is dated in Japan. */
    static Optional<LocalDate> date(BaseDateTimeType value) {
        if (value == null || value.getValue() == null) {
            return Optional.empty();
        }
        if (value.getPrecision().ordinal() <= ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY.ordinal()) {
            return Optional.of(LocalDate.of(value.getYear(), value.getMonth() + 1, value.getDay()));
        }
        return instant(value).map(JapanTime::dateOf);
    }
}
