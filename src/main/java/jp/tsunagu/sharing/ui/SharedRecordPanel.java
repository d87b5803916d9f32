package jp.tsunagu.sharing.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import jp.tsunagu.consent.BreakGlass;
import jp.tsunagu.consent.ConsentCategories;
import jp.tsunagu.consent.Decision;
import jp.tsunagu.consent.EmergencyAccess;
import jp.tsunagu.consent.EmergencyReason;
import jp.tsunagu.consent.SharedRecords;
import jp.tsunagu.consent.SharedView;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.OrganisationId;
import com.vaadin.flow.server.VaadinSession;
import jp.tsunagu.fhir.FhirImporter;
import jp.tsunagu.identity.StepUp;
import jp.tsunagu.identity.StepUpRequiredException;
import jp.tsunagu.fhir.ImportMessages;
import jp.tsunagu.record.ClinicalDocument;
import jp.tsunagu.record.ClinicalDuplicates;
import jp.tsunagu.record.DocumentReader;
import jp.tsunagu.record.ItemTexts;
import jp.tsunagu.record.LabNames;
import jp.tsunagu.record.LabResult;
import jp.tsunagu.record.Prescription;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.record.RecordItem;
import jp.tsunagu.record.Trends;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.sharing.FoundPatient;
import jp.tsunagu.shell.SafeHtml;
import jp.tsunagu.shell.StepUpDialog;

/**
 * One patient's shared record for a clinician: the allergy banner stays on top, then each category as
 * the patient shares it with this hospital (or "not shared by the patient", with nothing of it on the
 * page), every item with its hospital and date; the same drug prescribed by two hospitals is marked.
 * With nothing shared, break-the-glass opens the record for a limited time, with a visible countdown.
 */
class SharedRecordPanel extends Div {

    private static final String RESUME = "tsunagu.clinician.emergencyAfterStepUp";

    /** Past prescriptions and other sections mark no duplicates. */
    private static final ClinicalDuplicates NONE = ClinicalDuplicates.among(List.of());

    private final SharedRecords shared;
    private final BreakGlass breakGlass;
    private final Directory directory;
    private final FhirImporter importer;
    private final ImportMessages messages;
    private final StepUp stepUp;

    SharedRecordPanel(SharedRecords shared, BreakGlass breakGlass, Directory directory, FhirImporter importer,
            ImportMessages messages, StepUp stepUp) {
        this.shared = shared;
        this.breakGlass = breakGlass;
        this.directory = directory;
        this.importer = importer;
        this.messages = messages;
        this.stepUp = stepUp;
        setId("shared-record");
        addClassName("tsunagu-shared");
    }

    void show(FoundPatient patient) {
        removeAll();
        Optional<EmergencyAccess> emergency = breakGlass.openFor(patient.id());
        SharedView view = emergency.isPresent() ? shared.readInEmergency(patient.id())
                : shared.readForTreatment(patient.id(), ConsentCategories.SHAREABLE);
        int age = Period.between(patient.birthDate(), JapanTime.dateOf(Instant.now())).getYears();
        var heading = new H2(getTranslation("clinician.patient.heading", patient.name().display(),
                JapanTime.day(patient.birthDate()), age, getTranslation("sex." + patient.sex().name())));
        add(heading);
        Map<OrganisationId, String> names = directory.organisationNames(view.items().stream()
                .flatMap(i -> i.source().organisation().stream()).collect(Collectors.toSet()));
        // The countdown and the allergies stay in sight together while the clinician scrolls the record.
        var top = new Div();
        top.addClassName("tsunagu-shared-top");
        emergency.ifPresent(open -> top.add(countdown(open)));
        top.add(allergyBanner(view, names));
        add(top);
        if (patient.treatedHere()) {
            add(new DocumentUpload(importer, messages, patient.id(), () -> show(patient)));
        }
        boolean nothingShared = view.decisions().values().stream().noneMatch(Decision::permitted);
        if (nothingShared) {
            add(new Paragraph(getTranslation("clinician.nothingShared")));
            var open = new Button(getTranslation("clinician.emergency.open"), click -> emergencyOrStepUp(patient));
            open.setId("break-glass");
            open.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
            add(open);
            return;
        }
        for (RecordCategory category : ConsentCategories.ORDER) {
            if (category == RecordCategory.DRUG_ALLERGY || category == RecordCategory.OTHER_ALLERGY) {
                continue;
            }
            add(section(category, view, names, patient, emergency.isPresent()));
        }
    }

    private Component allergyBanner(SharedView view, Map<OrganisationId, String> names) {
        var banner = new Div();
        banner.setId("allergy-banner");
        banner.addClassName("tsunagu-allergy-banner");
        boolean shared = view.decisions().get(RecordCategory.DRUG_ALLERGY).permitted()
                || view.decisions().get(RecordCategory.OTHER_ALLERGY).permitted();
        List<RecordItem> allergies = view.items().stream().filter(i -> i.category() == RecordCategory.DRUG_ALLERGY
                || i.category() == RecordCategory.OTHER_ALLERGY)
                .sorted(java.util.Comparator.comparing(i -> i.category() != RecordCategory.DRUG_ALLERGY)).toList();
        var html = new SafeHtml().span("tsunagu-banner-label", getTranslation("clinician.allergies"));
        if (!shared) {
            html.span("tsunagu-banner-warning", getTranslation("clinician.allergies.notShared"));
        } else if (allergies.isEmpty()) {
            html.span("tsunagu-banner-none", getTranslation("clinician.allergies.none"));
        }
        for (RecordItem allergy : allergies) {
            html.span(allergy.category() == RecordCategory.DRUG_ALLERGY ? "tsunagu-banner-drug" : "tsunagu-banner-other",
                    ItemTexts.title(allergy.content()) + "（" + ItemTexts.detail(allergy.content()) + "・"
                            + source(allergy, names) + "）");
        }
        banner.getElement().setProperty("innerHTML", html.toString());
        return banner;
    }

    private Component section(RecordCategory category, SharedView view, Map<OrganisationId, String> names,
            FoundPatient patient, boolean inEmergency) {
        var section = new Section(new H3(getTranslation("record.category." + category.name())));
        section.addClassName("tsunagu-shared-section");
        section.getElement().setAttribute("data-category", category.name());
        Decision decision = view.decisions().get(category);
        if (!decision.permitted()) {
            section.getElement().setAttribute("data-shared", "false");
            var not = new Paragraph(getTranslation("clinician.notShared"));
            not.addClassName("tsunagu-not-shared");
            section.add(not);
            return section;
        }
        section.getElement().setAttribute("data-shared", "true");
        List<RecordItem> items = view.items().stream().filter(i -> i.category() == category).toList();
        if (category == RecordCategory.LAB) {
            items = latestPerTest(items);
        }
        if (items.isEmpty()) {
            section.add(new Paragraph(getTranslation("clinician.noItems")));
        }
        if (category == RecordCategory.PRESCRIPTION) {
            // Current medicines first, with the same drug from two hospitals marked; the past folded away.
            LocalDate today = JapanTime.dateOf(Instant.now());
            List<RecordItem> current = items.stream().filter(i -> ((Prescription) i.content()).currentOn(today)).toList();
            List<RecordItem> past = items.stream().filter(i -> !current.contains(i)).toList();
            List<List<RecordItem>> medicines = ClinicalDuplicates.perDrug(current);
            section.add(new H3(getTranslation("clinician.prescriptions.current", medicines.size())));
            section.add(medicines(medicines, ClinicalDuplicates.among(current), names));
            if (!past.isEmpty()) {
                var folded = new Details(
                        getTranslation("clinician.prescriptions.past", past.size()), list(past, NONE, view, names));
                folded.setId("past-prescriptions");
                section.add(folded);
            }
            return section;
        }
        if (items.stream().allMatch(i -> i.content() instanceof ClinicalDocument)) {
            section.add(documents(items, getTranslation("record.category." + category.name()), names, patient,
                    inEmergency));
            return section;
        }
        section.add(list(items, NONE, view, names));
        return section;
    }

    /**
     * Current medicines, one entry per drug with every hospital (or the patient) that prescribed it and when
     * last: two overlapping prescriptions of one drug are one medicine, and a drug from two hospitals is marked.
     */
    private Div medicines(List<List<RecordItem>> medicines, ClinicalDuplicates duplicated,
            Map<OrganisationId, String> names) {
        var list = new Div();
        list.addClassName("tsunagu-items");
        for (List<RecordItem> prescriptions : medicines) {
            RecordItem newest = prescriptions.getFirst();
            var row = new Div();
            row.addClassName("tsunagu-item");
            row.addClassName("tsunagu-medicine");
            var html = new SafeHtml().open("tsunagu-item-top").span("tsunagu-item-title", ItemTexts.title(newest.content()));
            if (duplicated.contains(newest)) {
                html.span("tsunagu-badge tsunagu-badge-alert", getTranslation("clinician.duplicate"));
                row.addClassName("duplicate");
            }
            // Each prescriber once, with its newest prescription's date (the list is newest first).
            Map<String, String> sources = new LinkedHashMap<>();
            for (RecordItem prescription : prescriptions) {
                sources.putIfAbsent(prescription.providedBy() + "|" + prescription.source().organisation()
                        .map(o -> o.value().toString()).orElse(""), source(prescription, names));
            }
            html.end().span("tsunagu-item-detail", ItemTexts.detail(newest.content()))
                    .span("tsunagu-item-source", String.join("、", sources.values()));
            row.getElement().setProperty("innerHTML", html.toString());
            list.add(row);
        }
        return list;
    }

    /**
     * Documents to open and read section by section, as the patient reads them. Each is named once (by its
     * title where it differs from the section's heading) with where and when it was written; its text comes
     * from the view already read and logged for this page, and reaches the browser only when opened. During a
     * break-the-glass an expired time box closes the record instead of opening the document.
     */
    private Div documents(List<RecordItem> items, String heading, Map<OrganisationId, String> names,
            FoundPatient patient, boolean inEmergency) {
        var list = new Div();
        list.addClassName("tsunagu-items");
        for (RecordItem item : items.stream().sorted(java.util.Comparator.comparing((RecordItem i) -> i.content()
                .effectiveAt().orElse(i.receivedAt())).reversed()).toList()) {
            var document = (ClinicalDocument) item.content();
            var html = new SafeHtml();
            if (!document.title().equals(heading)) {
                html.span("tsunagu-item-title", document.title());
            }
            html.span("tsunagu-item-source", source(item, names));
            var summary = new Div();
            summary.addClassName("tsunagu-document-summary");
            summary.getElement().setProperty("innerHTML", html.toString());
            var details = new Details(summary);
            details.addClassName("tsunagu-shared-document");
            details.addOpenedChangeListener(opened -> {
                if (!opened.isOpened() || details.getContent().findAny().isPresent()) {
                    return;
                }
                if (inEmergency && breakGlass.openFor(patient.id()).isEmpty()) {
                    show(patient);
                    return;
                }
                details.add(new DocumentReader(document, 4));
            });
            list.add(details);
        }
        return list;
    }

    private Div list(List<RecordItem> items, ClinicalDuplicates duplicated, SharedView view,
            Map<OrganisationId, String> names) {
        var list = new Div();
        list.addClassName("tsunagu-items");
        for (RecordItem item : items) {
            var row = new Div();
            row.addClassName("tsunagu-item");
            var html = new SafeHtml().open("tsunagu-item-top").span("tsunagu-item-title", ItemTexts.title(item.content()));
            if (duplicated.contains(item)) {
                html.span("tsunagu-badge tsunagu-badge-alert", getTranslation("clinician.duplicate"));
                row.addClassName("duplicate");
            }
            if (item.content() instanceof LabResult lab && lab.outOfRange().orElse(false)) {
                html.span("tsunagu-badge tsunagu-badge-alert", getTranslation("record.lab.outOfRange"));
            }
            html.end().span("tsunagu-item-detail", ItemTexts.detail(item.content()))
                    .span("tsunagu-item-source", source(item, names));
            row.getElement().setProperty("innerHTML", html.toString());
            if (item.content() instanceof LabResult lab) {
                List<jp.tsunagu.record.ItemContent> all = view.items().stream().map(RecordItem::content).toList();
                var trend = new Button(getTranslation("clinician.trend"), click -> trendDialog(lab, all));
                trend.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                trend.addClassName("lab-trend");
                list.add(new Div(row, trend));
            } else {
                list.add(row);
            }
        }
        return list;
    }

    private void trendDialog(LabResult lab, List<jp.tsunagu.record.ItemContent> all) {
        var dialog = new Dialog(getTranslation("record.lab.trend", LabNames.japanese(lab)));
        dialog.setWidth("min(90vw, 44rem)");
        Trends.lab(lab, all).ifPresentOrElse(dialog::add,
                () -> dialog.add(new Paragraph(getTranslation("record.lab.noTrend"))));
        dialog.getFooter().add(new Button(getTranslation("clinician.close"), click -> dialog.close()));
        dialog.open();
    }

    /**
     * Back from signing in again for a break-the-glass: the same patient, and the emergency form open
     * (only if the record is still closed to this clinician and the sign-in is now recent).
     */
    void resumeEmergency(FoundPatient patient) {
        show(patient);
        if (getChildren().anyMatch(c -> c.getId().filter("break-glass"::equals).isPresent()) && stepUp.recent()) {
            emergencyDialog(patient);
        }
    }

    /** Break-the-glass needs a recent sign-in: ask for it first, keeping the patient for the return. */
    private void emergencyOrStepUp(FoundPatient patient) {
        if (stepUp.recent()) {
            emergencyDialog(patient);
        } else {
            StepUpDialog.open(stepUp, "/clinician", () -> VaadinSession.getCurrent().setAttribute(RESUME,
                    new Resume(patient, StepUp.signedInSubject().orElse(""), Instant.now())));
        }
    }

    /** The patient a clinician was about to open in an emergency, who, and when they left to sign in again. */
    private record Resume(FoundPatient patient, String clinician, Instant at) implements java.io.Serializable {
    }

    /**
     * The patient to come back to after signing in again: only for the same clinician (the provider's
     * login may have signed in someone else in this browser) and only soon after (an abandoned step-up
     * must not reopen a record days later).
     */
    static Optional<FoundPatient> takeResumed() {
        VaadinSession session = VaadinSession.getCurrent();
        Object saved = session == null ? null : session.getAttribute(RESUME);
        if (saved == null) {
            return Optional.empty();
        }
        session.setAttribute(RESUME, null);
        return Optional.of((Resume) saved)
                .filter(resume -> resume.at().isAfter(Instant.now().minus(java.time.Duration.ofMinutes(15))))
                .filter(resume -> StepUp.signedInSubject().filter(resume.clinician()::equals).isPresent())
                .map(Resume::patient);
    }

    private void emergencyDialog(FoundPatient patient) {
        var dialog = new Dialog(getTranslation("clinician.emergency.title"));
        dialog.setWidth("min(90vw, 36rem)");
        var reason = new Select<EmergencyReason>();
        reason.setId("break-glass-reason");
        reason.setLabel(getTranslation("clinician.emergency.reason"));
        reason.setItems(EmergencyReason.values());
        reason.setItemLabelGenerator(r -> getTranslation("emergency.reason." + r.name()));
        var detail = new TextArea(getTranslation("clinician.emergency.detail"));
        detail.setId("break-glass-detail");
        detail.setMaxLength(BreakGlass.MAX_DETAIL);
        detail.setWidthFull();
        var warning = new Paragraph(getTranslation("clinician.emergency.warning"));
        warning.addClassName("tsunagu-note");
        var confirm = new Button(getTranslation("clinician.emergency.confirm"), click -> {
            try {
                breakGlass.open(patient.id(), Optional.ofNullable(reason.getValue()), detail.getValue());
            } catch (StepUpRequiredException stale) {
                // The dialog stayed open past the window: nothing was opened; sign in again first.
                dialog.close();
                emergencyOrStepUp(patient);
                return;
            } catch (IllegalArgumentException refused) {
                detail.setInvalid(true);
                detail.setErrorMessage(getTranslation(refused.getMessage()));
                return;
            }
            dialog.close();
            show(patient);
        });
        confirm.setId("break-glass-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.add(warning, reason, detail);
        dialog.getFooter().add(new Button(getTranslation("clinician.close"), click -> dialog.close()), confirm);
        dialog.open();
    }

    /** The time left, counted down in the browser; the server refuses reads after it whatever the page shows. */
    private Component countdown(EmergencyAccess open) {
        var banner = new Div();
        banner.setId("emergency-banner");
        banner.addClassName("tsunagu-emergency-banner");
        var label = new Span(getTranslation("clinician.emergency.active", JapanTime.minute(open.expiresAt())));
        var clock = new Span();
        clock.setId("emergency-countdown");
        banner.add(label, clock);
        clock.getElement().executeJs("""
                const end = $0, el = this;
                const tick = () => {
                  const s = Math.max(0, Math.round((end - Date.now()) / 1000));
                  el.textContent = String(Math.floor(s / 60)).padStart(2, '0') + ':' + String(s % 60).padStart(2, '0');
                  if (s > 0 && el.isConnected) setTimeout(tick, 1000);
                };
                tick();""", open.expiresAt().toEpochMilli());
        return banner;
    }

    private String source(RecordItem item, Map<OrganisationId, String> names) {
        String who = switch (item.providedBy()) {
            case ORGANISATION -> item.source().organisation().map(names::get).orElse("");
            case PATIENT_ENTERED -> getTranslation("clinician.source.patientEntered");
            // A file the patient imported is her word for what it says, never the hospital's own entry.
            case PATIENT_UPLOADED -> getTranslation("clinician.source.patientUploaded");
        };
        return who + "・" + JapanTime.day(item.content().effectiveAt().orElse(item.receivedAt()));
    }

    private static List<RecordItem> latestPerTest(List<RecordItem> labs) {
        Map<String, RecordItem> latest = new LinkedHashMap<>();
        labs.stream().sorted(java.util.Comparator.comparing((RecordItem i) -> i.content().effectiveAt()
                        .orElse(i.receivedAt())).reversed())
                .forEach(i -> latest.putIfAbsent(LabNames.seriesKey((LabResult) i.content()), i));
        return new ArrayList<>(latest.values());
    }
}
