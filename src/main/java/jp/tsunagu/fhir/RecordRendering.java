package jp.tsunagu.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import jp.tsunagu.directory.Organisation;
import jp.tsunagu.directory.Patient;
import jp.tsunagu.directory.PatientDetails;
import jp.tsunagu.record.Allergy;
import jp.tsunagu.record.ClinicalDocument;
import jp.tsunagu.record.Code;
import jp.tsunagu.record.Diagnosis;
import jp.tsunagu.record.InfectionTest;
import jp.tsunagu.record.LabResult;
import jp.tsunagu.record.OtherResource;
import jp.tsunagu.record.PhrEntry;
import jp.tsunagu.record.Prescription;
import jp.tsunagu.record.RecordItem;
import jp.tsunagu.record.SensitiveLabel;
import jp.tsunagu.shared.JapanTime;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * Renders what was born in the portal (patient-entered PHR, the synthetic population) and the directory's
 * entries as JP Core shaped resources, the inverse of {@link RecordMapping}: rendering then mapping
 * gives the same item back, which the round-trip test holds it to.
 */
final class RecordRendering {

    private static final TimeZone JST = TimeZone.getTimeZone(JapanTime.ZONE);
    private static final String OBSERVATION_CATEGORY = "http://jpfhir.jp/fhir/core/CodeSystem/JP_SimpleObservationCategory_CS";

    private RecordRendering() {
    }

    static org.hl7.fhir.r4.model.Patient patient(Patient patient) {
        PatientDetails d = patient.details();
        var resource = new org.hl7.fhir.r4.model.Patient();
        d.identifiers().forEach(i -> resource.addIdentifier().setSystem(i.system()).setValue(i.value()));
        HumanName ide = resource.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(d.name().family())
                .setText(d.name().display());
        ide.addGiven(d.name().given());
        ide.addExtension(RecordMapping.REPRESENTATION, new org.hl7.fhir.r4.model.CodeType("IDE"));
        if (d.name().familyKana().isPresent() || d.name().givenKana().isPresent()) {
            HumanName syl = resource.addName().setUse(HumanName.NameUse.OFFICIAL)
                    .setFamily(d.name().familyKana().orElse(null))
                    .setText(d.name().kanaDisplay().orElse(null));
            d.name().givenKana().ifPresent(syl::addGiven);
            syl.addExtension(RecordMapping.REPRESENTATION, new org.hl7.fhir.r4.model.CodeType("SYL"));
        }
        resource.setGender(Enumerations.AdministrativeGender.fromCode(d.sex().code()));
        resource.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(d.birthDate().toString()));
        if (d.address().isPresent() || d.postalCode().isPresent()) {
            resource.addAddress().setText(d.address().orElse(null)).setPostalCode(d.postalCode().orElse(null))
                    .setCountry("JP");
        }
        d.phone().ifPresent(p -> resource.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(p));
        d.email().ifPresent(e -> resource.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(e));
        return resource;
    }

    static Organization organisation(Organisation organisation) {
        var d = organisation.details();
        var resource = new Organization();
        resource.addIdentifier().setSystem(d.identifier().system()).setValue(d.identifier().value());
        resource.setName(d.name());
        d.prefecture().ifPresent(p -> resource.addExtension(RecordMapping.PREFECTURE_EXTENSION,
                new Coding("urn:oid:1.2.392.100495.20.3.21", p.twoDigitCode(), null)));
        d.phone().ifPresent(p -> resource.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(p));
        d.address().ifPresent(a -> resource.addAddress().setText(a).setCountry("JP"));
        return resource;
    }

    /**
     * One item as a resource referring to the patient by {@code patientRef}. A document becomes a whole
     * document Bundle, as FHIR documents travel.
     */
    static Resource item(RecordItem item, String patientRef, org.hl7.fhir.r4.model.Patient patient,
            Optional<Organization> source) {
        Resource resource = switch (item.content()) {
            case Diagnosis d -> condition(d, patientRef);
            case Allergy a -> allergy(a, patientRef);
            case InfectionTest t -> infection(t, patientRef);
            case LabResult l -> lab(l, patientRef);
            case Prescription p -> prescription(p, patientRef);
            case jp.tsunagu.record.Encounter e -> encounter(e, patientRef);
            case PhrEntry p -> phr(p, patientRef);
            case ClinicalDocument d -> null;
            case OtherResource o -> throw new IllegalStateException(
                    "resources the record does not model always arrive with their original");
        };
        if (item.content() instanceof ClinicalDocument document) {
            return document(item, document, patientRef, patient, source);
        }
        decorate((DomainResource) resource, item);
        return resource;
    }

    private static void decorate(DomainResource resource, RecordItem item) {
        item.source().sourceIdentifier().ifPresent(identifier -> {
            int bar = identifier.indexOf('|');
            Identifier id = new Identifier().setSystem(identifier.substring(0, bar))
                    .setValue(identifier.substring(bar + 1));
            if (resource instanceof Composition composition) {
                composition.setIdentifier(id);
            } else {
                resource.setProperty("identifier", id);
            }
        });
        if (item.undisclosed()) {
            resource.getMeta().addTag(RecordMapping.CLINS_INDICATION, RecordMapping.UNINFORMED, "未告知");
        }
        for (SensitiveLabel label : item.sensitiveLabels()) {
            resource.getMeta().addSecurity(RecordMapping.SENSITIVE_LABEL_SYSTEM, label.name(), null);
        }
    }

    private static Condition condition(Diagnosis d, String patientRef) {
        var c = new Condition();
        c.setCode(concept(d.name(), d.code()));
        d.icd10().filter(icd -> d.code().map(code -> !code.code().equals(icd)).orElse(true))
                .ifPresent(icd -> c.getCode().addCoding(new Coding(Code.ICD10, icd, d.name())));
        c.setSubject(new Reference(patientRef));
        d.clinicalStatus().ifPresent(s -> c.setClinicalStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", s, null))));
        d.verification().ifPresent(s -> c.setVerificationStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", s, null))));
        d.onsetText().ifPresent(text -> {
            try {
                c.setOnset(new DateTimeType(text));
            } catch (RuntimeException notADate) {
                c.setOnset(new StringType(text));
            }
        });
        d.note().ifPresent(n -> c.addNote(new Annotation().setText(n)));
        return c;
    }

    private static AllergyIntolerance allergy(Allergy a, String patientRef) {
        var r = new AllergyIntolerance();
        r.setCode(concept(a.substance(), a.code()));
        r.setPatient(new Reference(patientRef));
        if (a.allergyCategory() != Allergy.AllergyCategory.UNKNOWN) {
            r.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.fromCode(a.allergyCategory().code()));
        }
        a.type().ifPresent(t -> r.setType(AllergyIntolerance.AllergyIntoleranceType.fromCode(t)));
        a.criticality().ifPresent(c -> r.setCriticality(AllergyIntolerance.AllergyIntoleranceCriticality.fromCode(c)));
        a.clinicalStatus().ifPresent(s -> r.setClinicalStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", s, null))));
        a.reaction().ifPresent(text -> r.addReaction().addManifestation(new CodeableConcept().setText(text)));
        a.note().ifPresent(n -> r.addNote(new Annotation().setText(n)));
        a.recordedAt().ifPresent(t -> r.setRecordedDateElement(dateTime(t)));
        return r;
    }

    private static Observation infection(InfectionTest t, String patientRef) {
        var o = observation(t.name(), t.code(), patientRef, "laboratory");
        o.addCategory(new CodeableConcept(new Coding(RecordMapping.RECORD_CATEGORY_SYSTEM, "INFECTION", "感染症")));
        o.setValue(new StringType(t.result()));
        t.positive().ifPresent(p -> o.addInterpretation(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", p ? "POS" : "NEG", null))));
        t.effectiveAt().ifPresent(at -> o.setEffective(dateTime(at)));
        return o;
    }

    private static Observation lab(LabResult l, String patientRef) {
        var o = observation(l.name(), l.code(), patientRef, "laboratory");
        if (l.value().isPresent()) {
            o.setValue(new Quantity().setValue(l.value().get()).setUnit(l.unit().orElse(null)));
        } else {
            l.valueText().ifPresent(text -> o.setValue(new StringType(text)));
        }
        if (l.referenceLow().isPresent() || l.referenceHigh().isPresent()) {
            var range = o.addReferenceRange();
            l.referenceLow().ifPresent(low -> range.setLow(new Quantity().setValue(low).setUnit(l.unit().orElse(null))));
            l.referenceHigh().ifPresent(h -> range.setHigh(new Quantity().setValue(h).setUnit(l.unit().orElse(null))));
        }
        l.interpretation().ifPresent(i -> o.addInterpretation(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", i, null))));
        l.effectiveAt().ifPresent(at -> o.setEffective(dateTime(at)));
        return o;
    }

    private static Observation phr(PhrEntry p, String patientRef) {
        var o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", null)));
        o.setCode(new CodeableConcept(new Coding(RecordMapping.PHR_TYPE_SYSTEM, p.type().name(), null))
                .setText(p.type().name()));
        o.setSubject(new Reference(patientRef));
        o.addPerformer(new Reference(patientRef));
        if (p.type() == PhrEntry.PhrType.BLOOD_PRESSURE) {
            o.addComponent().setCode(new CodeableConcept(new Coding(Code.LOINC, "8480-6", "収縮期血圧")))
                    .setValue(new Quantity().setValue(p.value1().orElse(null)).setUnit(p.unit().orElse(null)));
            o.addComponent().setCode(new CodeableConcept(new Coding(Code.LOINC, "8462-4", "拡張期血圧")))
                    .setValue(new Quantity().setValue(p.value2().orElse(null)).setUnit(p.unit().orElse(null)));
        } else if (p.value1().isPresent()) {
            o.setValue(new Quantity().setValue(p.value1().get()).setUnit(p.unit().orElse(null)));
        }
        p.note().ifPresent(n -> o.addNote(new Annotation().setText(n)));
        o.setEffective(dateTime(p.measuredAt()));
        return o;
    }

    private static Observation observation(String name, Optional<Code> code, String patientRef, String category) {
        var o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept(new Coding(OBSERVATION_CATEGORY, category, null)));
        o.setCode(concept(name, code));
        o.setSubject(new Reference(patientRef));
        return o;
    }

    private static MedicationRequest prescription(Prescription p, String patientRef) {
        var m = new MedicationRequest();
        p.status().ifPresent(s -> m.setStatus(MedicationRequest.MedicationRequestStatus.fromCode(s)));
        m.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        m.setMedication(concept(p.drugName(), p.code()));
        m.setSubject(new Reference(patientRef));
        if (p.doseText().isPresent() || p.doseQuantity().isPresent()) {
            var dosage = m.addDosageInstruction().setText(p.doseText().orElse(null));
            p.doseQuantity().ifPresent(q -> dosage.addDoseAndRate()
                    .setDose(new Quantity().setValue(q).setUnit(p.doseUnit().orElse(null))));
        }
        if (p.start().isPresent() || p.end().isPresent()) {
            Period period = new Period();
            p.start().ifPresent(s -> period.setStartElement(date(s)));
            p.end().ifPresent(e -> period.setEndElement(date(e)));
            m.getDispenseRequest().setValidityPeriod(period);
        }
        return m;
    }

    private static Encounter encounter(jp.tsunagu.record.Encounter e, String patientRef) {
        var r = new Encounter();
        r.setStatus(Encounter.EncounterStatus.fromCode(e.status()));
        r.setClass_(new Coding(RecordMapping.V3_ACT_CODE, e.encounterClass().name(), null));
        r.setSubject(new Reference(patientRef));
        e.wardType().ifPresent(w -> r.setServiceType(new CodeableConcept().setText(w)));
        if (e.start().isPresent() || e.end().isPresent()) {
            Period period = new Period();
            e.start().ifPresent(s -> period.setStartElement(dateTime(s)));
            e.end().ifPresent(s -> period.setEndElement(dateTime(s)));
            r.setPeriod(period);
        }
        return r;
    }

    private static Bundle document(RecordItem item, ClinicalDocument d, String patientRef,
            org.hl7.fhir.r4.model.Patient patient, Optional<Organization> source) {
        var composition = new Composition();
        composition.setStatus(Composition.CompositionStatus.fromCode(d.status()));
        composition.setType(new CodeableConcept(new Coding("http://jpfhir.jp/fhir/Common/CodeSystem/doc-typecodes",
                switch (d.type()) {
                    case REFERRAL_LETTER -> RecordMapping.DOC_REFERRAL;
                    case DISCHARGE_SUMMARY -> RecordMapping.DOC_DISCHARGE;
                    case HEALTH_CHECK -> RecordMapping.DOC_HEALTH_CHECK;
                    case OTHER -> throw new IllegalStateException("documents are one of the 3文書");
                }, d.title())));
        composition.setTitle(d.title());
        d.authoredAt().ifPresent(at -> composition.setDateElement(dateTime(at)));
        composition.setSubject(new Reference(patientRef));
        Composition.SectionComponent parent = null;
        for (ClinicalDocument.Section section : d.sections()) {
            var target = section.depth() > 0 && parent != null ? parent.addSection() : composition.addSection();
            target.setTitle(section.title());
            section.code().ifPresent(c -> target.setCode(new CodeableConcept(new Coding(
                    "http://jpfhir.jp/fhir/eReferral/CodeSystem/document-section", c, null))));
            if (!section.text().isEmpty()) {
                target.setText(narrative(section.text()));
            }
            if (section.depth() == 0) {
                parent = target;
            }
        }
        decorate(composition, item);
        var bundle = new Bundle().setType(Bundle.BundleType.DOCUMENT);
        item.source().sourceIdentifier().ifPresent(identifier -> bundle.setIdentifier(new Identifier()
                .setSystem(identifier.substring(0, identifier.indexOf('|')))
                .setValue(identifier.substring(identifier.indexOf('|') + 1) + "-document")));
        bundle.setTimestamp(Date.from(d.authoredAt().orElse(item.receivedAt())));
        bundle.addEntry().setFullUrl("urn:uuid:" + item.id().value()).setResource(composition);
        bundle.addEntry().setFullUrl(patientRef).setResource(patient.copy());
        source.ifPresent(org -> {
            String orgRef = "urn:uuid:org-" + org.getIdentifierFirstRep().getValue();
            composition.setCustodian(new Reference(orgRef));
            composition.addAuthor(new Reference(orgRef));
            bundle.addEntry().setFullUrl(orgRef).setResource(org.copy());
        });
        return bundle;
    }

    private static Narrative narrative(String text) {
        var narrative = new Narrative().setStatus(Narrative.NarrativeStatus.ADDITIONAL);
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        narrative.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">"
                + String.join("<br/>", escaped.lines().toList()) + "</div>");
        return narrative;
    }

    private static CodeableConcept concept(String name, Optional<Code> code) {
        var concept = new CodeableConcept().setText(name);
        code.ifPresent(c -> concept.addCoding(new Coding(c.system(), c.code(), c.display().orElse(null))));
        return concept;
    }

    static DateTimeType dateTime(Instant instant) {
        var value = new DateTimeType(Date.from(instant), TemporalPrecisionEnum.MILLI, JST);
        return value;
    }

    private static DateTimeType date(LocalDate date) {
        return new DateTimeType(date.toString());
    }

    static List<Extension> provenance(Optional<String> institutionCode, Instant receivedAt) {
        List<Extension> extensions = new java.util.ArrayList<>();
        institutionCode.ifPresent(code -> extensions.add(new Extension(BundleReader.SOURCE_EXTENSION,
                new Identifier().setSystem(jp.tsunagu.directory.Identifier.MEDICAL_INSTITUTION).setValue(code))));
        extensions.add(new Extension(FhirExporter.RECEIVED_EXTENSION, dateTime(receivedAt)));
        return extensions;
    }
}
