package jp.tsunagu.fhir;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import ca.uhn.fhir.context.FhirContext;
import jp.tsunagu.audit.AccessEntry;
import jp.tsunagu.audit.AccessLog;
import jp.tsunagu.audit.NewAccess;
import jp.tsunagu.consent.ConsentWords;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Patient;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.Authorities;
import jp.tsunagu.identity.StepUp;
import jp.tsunagu.record.Allergy;
import jp.tsunagu.record.Diagnosis;
import jp.tsunagu.record.ItemTexts;
import jp.tsunagu.record.LabNames;
import jp.tsunagu.record.LabResult;
import jp.tsunagu.record.MyRecord;
import jp.tsunagu.record.Prescription;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.record.RecordItem;
import jp.tsunagu.record.RecordService;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shared.Language;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The patient's International Patient Summary (IPS, HL7's document for care across borders): one FHIR R4
 * document Bundle whose Composition has the four sections a doctor abroad reads first — allergies and
 * intolerances, problems, current medications and the latest result of each test — each with a narrative in
 * her language and the entries as JP Core resources with their Japanese codes and displays. 未告知 items never
 * go in, and only items the patient can see in her own record are used.
 */
@Service
public class IpsSummary {

    private static final String LOINC = "http://loinc.org";
    /** LOINC codes of the IPS document and its sections. */
    static final String DOCUMENT = "60591-5";
    static final String ALLERGIES = "48765-2";
    static final String PROBLEMS = "11450-4";
    static final String MEDICATIONS = "10160-0";
    static final String RESULTS = "30954-2";
    private static final String EMPTY_REASON = "http://terminology.hl7.org/CodeSystem/list-empty-reason";

    private final RecordService records;
    private final Directory directory;
    private final MyRecord myRecord;
    private final AccessLog accessLog;
    private final StepUp stepUp;
    private final FhirContext fhir;
    private final MessageSource messages;
    private final Clock clock;

    IpsSummary(RecordService records, Directory directory, MyRecord myRecord, AccessLog accessLog, StepUp stepUp,
            FhirContext fhir, MessageSource messages, Optional<Clock> clock) {
        this.records = records;
        this.directory = directory;
        this.myRecord = myRecord;
        this.accessLog = accessLog;
        this.stepUp = stepUp;
        this.fhir = fhir;
        this.messages = messages;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * The signed-in patient's summary in her language, logged as her own download in the same transaction.
     *
     * @throws jp.tsunagu.identity.StepUpRequiredException unless she signed in within the step-up window: the
     *         summary leaves the portal, as the whole record does
     */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional
    public String summaryMine(Language language) {
        stepUp.require();
        PatientId patient = myRecord.me()
                .orElseThrow(() -> new IllegalStateException("this account is not linked to a patient record"));
        String json = fhir.newJsonParser().encodeResourceToString(document(patient, language.locale()));
        accessLog.record(new NewAccess(Optional.of(patient.value()),
                List.of(RecordCategory.DRUG_ALLERGY.name(), RecordCategory.OTHER_ALLERGY.name(),
                        RecordCategory.DIAGNOSIS.name(), RecordCategory.PRESCRIPTION.name(), RecordCategory.LAB.name()),
                Optional.of(ConsentWords.OWN_DOWNLOAD), AccessEntry.Action.EXPORT, AccessEntry.Outcome.PERMITTED,
                "ips-summary"));
        return json;
    }

    private Bundle document(PatientId patientId, Locale locale) {
        Patient patient = directory.patient(patientId).orElseThrow(() -> new IllegalArgumentException("no such patient"));
        LocalDate today = JapanTime.dateOf(clock.instant());
        String patientRef = "urn:uuid:" + patientId.value();
        var renderedPatient = RecordRendering.patient(patient);
        List<RecordItem> items = records.recordOf(patientId).items().stream()
                .filter(item -> !item.undisclosed() && !item.quarantined()).toList();

        var bundle = new Bundle().setType(Bundle.BundleType.DOCUMENT)
                .setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + UUID.randomUUID()))
                .setTimestamp(java.util.Date.from(clock.instant()));
        var composition = new Composition();
        String compositionRef = "urn:uuid:" + UUID.randomUUID();
        String portalRef = "urn:uuid:" + UUID.randomUUID();
        composition.setStatus(Composition.CompositionStatus.FINAL)
                .setType(new CodeableConcept(new Coding(LOINC, DOCUMENT, "Patient summary Document")))
                .setSubject(new Reference(patientRef))
                .setDateElement(new DateTimeType(java.util.Date.from(clock.instant())))
                .setTitle(text("ips.title", locale))
                .addAuthor(new Reference(portalRef));
        composition.setLanguage(locale.getLanguage());
        bundle.addEntry().setFullUrl(compositionRef).setResource(composition);
        bundle.addEntry().setFullUrl(patientRef).setResource(renderedPatient);
        var portal = new Organization().setName(text("ips.author", locale));
        bundle.addEntry().setFullUrl(portalRef).setResource(portal);

        section(bundle, composition, ALLERGIES, "ips.section.allergies", locale, patientRef, renderedPatient,
                of(items, item -> item.content() instanceof Allergy),
                item -> line((Allergy) item.content(), locale));
        section(bundle, composition, PROBLEMS, "ips.section.problems", locale, patientRef, renderedPatient,
                of(items, item -> item.content() instanceof Diagnosis d && d.active()),
                item -> line((Diagnosis) item.content()));
        section(bundle, composition, MEDICATIONS, "ips.section.medications", locale, patientRef, renderedPatient,
                of(items, item -> item.content() instanceof Prescription p && p.currentOn(today)),
                item -> line((Prescription) item.content()));
        section(bundle, composition, RESULTS, "ips.section.results", locale, patientRef, renderedPatient,
                latestPerTest(items), item -> line((LabResult) item.content(), locale));
        return bundle;
    }

    private static List<RecordItem> of(List<RecordItem> items, Predicate<RecordItem> kind) {
        return items.stream().filter(kind).toList();
    }

    /** The newest result of each test (by its code, else its name): what a doctor reading a summary needs. */
    static List<RecordItem> latestPerTest(List<RecordItem> items) {
        Map<String, RecordItem> latest = new LinkedHashMap<>();
        items.stream().filter(item -> item.content() instanceof LabResult)
                .sorted(Comparator.comparing((RecordItem item) -> ((LabResult) item.content()).effectiveAt()
                        .orElse(item.receivedAt())).reversed())
                .forEach(item -> {
                    LabResult lab = (LabResult) item.content();
                    latest.putIfAbsent(lab.code().map(c -> c.system() + "|" + c.code()).orElse(lab.name()), item);
                });
        return List.copyOf(latest.values());
    }

    private void section(Bundle bundle, Composition composition, String code, String titleKey, Locale locale,
            String patientRef, org.hl7.fhir.r4.model.Patient renderedPatient, List<RecordItem> items,
            java.util.function.Function<RecordItem, String> line) {
        var section = composition.addSection().setTitle(text(titleKey, locale))
                .setCode(new CodeableConcept(new Coding(LOINC, code, null)));
        var div = new XhtmlNode(org.hl7.fhir.utilities.xhtml.NodeType.Element, "div");
        div.setAttribute("xmlns", "http://www.w3.org/1999/xhtml");
        if (items.isEmpty()) {
            div.addTag("p").addText(text("ips.section.empty", locale));
            section.setEmptyReason(new CodeableConcept(new Coding(EMPTY_REASON, "unavailable", "Unavailable")));
        } else {
            var list = div.addTag("ul");
            for (RecordItem item : items) {
                list.addTag("li").addText(line.apply(item));
                String ref = "urn:uuid:" + item.id().value();
                Resource resource = RecordRendering.item(item, patientRef, renderedPatient, Optional.empty());
                bundle.addEntry().setFullUrl(ref).setResource(resource);
                section.addEntry(new Reference(ref));
            }
        }
        section.setText(new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED).setDiv(div));
    }

    private String line(Allergy allergy, Locale locale) {
        return join(allergy.substance(), allergy.reaction(),
                allergy.criticality().filter("high"::equals).map(high -> text("record.allergy.critical", locale)));
    }

    private static String line(Diagnosis diagnosis) {
        return join(diagnosis.name(), diagnosis.onsetDate().map(JapanTime::day), Optional.empty());
    }

    private static String line(Prescription prescription) {
        return join(prescription.drugName(), prescription.doseText(), prescription.start().map(JapanTime::day));
    }

    private static String line(LabResult lab, Locale locale) {
        String name = locale.getLanguage().equals("ja") ? LabNames.japanese(lab) : lab.name();
        return join(name, Optional.of(ItemTexts.labValue(lab)), lab.effectiveAt().map(JapanTime::day));
    }

    private static String join(String first, Optional<String> second, Optional<String> third) {
        var parts = new ArrayList<String>();
        parts.add(first);
        second.filter(s -> !s.isBlank()).ifPresent(parts::add);
        third.ifPresent(parts::add);
        return String.join(" — ", parts);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
