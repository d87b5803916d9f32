package jp.tsunagu.sharing.ui;

import java.util.List;
import java.util.Optional;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.shell.FormControls;
import jp.tsunagu.consent.BreakGlass;
import jp.tsunagu.consent.SharedRecords;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.fhir.FhirImporter;
import jp.tsunagu.fhir.ImportMessages;
import jp.tsunagu.identity.Actor;
import jp.tsunagu.identity.ActorService;
import jp.tsunagu.identity.Role;
import jp.tsunagu.identity.StepUp;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.sharing.FoundPatient;
import jp.tsunagu.sharing.PatientFinder;
import jp.tsunagu.sharing.RecentPatient;
import jp.tsunagu.shell.HomePage;

/**
 * The clinician's desk: find a patient (portal id, or full name and birth date), then their shared
 * record below. The chosen patient stays in the page, never in the address.
 */
@Route("clinician")
@RolesAllowed(Role.Names.CLINICIAN)
@Menu(title = "menu.clinician", order = 20, icon = "vaadin:doctor")
class ClinicianHomeView extends HomePage implements HasDynamicTitle {

    private final PatientFinder finder;
    private final Div results = new Div();
    private final SharedRecordPanel record;

    ClinicianHomeView(ActorService actors, PatientFinder finder, SharedRecords shared, BreakGlass breakGlass,
            Directory directory, FhirImporter importer, ImportMessages messages, StepUp stepUp) {
        this.finder = finder;
        this.record = new SharedRecordPanel(shared, breakGlass, directory, importer, messages, stepUp);
        setHeading(getTranslation("clinician.greeting", actors.currentActor().map(Actor::displayName).orElse("")));
        setIntro(getTranslation("clinician.intro"));
        addClassName("tsunagu-clinician");

        var portalId = new TextField(getTranslation("clinician.search.portalId"));
        portalId.setId("search-portal-id");
        var byId = new Button(getTranslation("clinician.search.button"), click -> show(finder.byPortalId(portalId.getValue())));
        byId.setId("search-by-id");
        var name = new TextField(getTranslation("clinician.search.name"));
        name.setId("search-name");
        var born = FormControls.birthDate(new DatePicker(getTranslation("clinician.search.birthDate")));
        born.setId("search-birth-date");
        var byName = new Button(getTranslation("clinician.search.button"), click -> {
            try {
                show(finder.byNameAndBirthDate(name.getValue(), Optional.ofNullable(born.getValue())));
            } catch (IllegalArgumentException refused) {
                results.removeAll();
                results.add(new Paragraph(getTranslation(refused.getMessage())));
            }
        });
        byName.setId("search-by-name");
        byName.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var search = new Div(new Div(portalId, byId), new Div(name, born, byName));
        search.setId("clinician-search");
        search.addClassName("tsunagu-search");
        results.setId("search-results");
        add(search, recent(), results, record);
        SharedRecordPanel.takeResumed().ifPresent(record::resumeEmergency);
    }

    /**
     * The patients this clinician opened lately, newest first. Opening one again searches for them by their
     * portal id, so it meets the same decision (and the same log) as any search at that moment.
     */
    private Div recent() {
        var list = new Div();
        list.setId("recent-patients");
        list.addClassName("tsunagu-recent-patients");
        List<RecentPatient> recent = finder.recent();
        if (recent.isEmpty()) {
            return list;
        }
        list.add(new H2(getTranslation("clinician.recent.title")));
        var entries = new Div();
        entries.addClassName("tsunagu-recent-list");
        for (RecentPatient entry : recent) {
            FoundPatient patient = entry.patient();
            var open = new Button(getTranslation("clinician.recent.entry", patient.name().display(),
                    JapanTime.day(patient.birthDate()), JapanTime.minute(entry.openedAt())),
                    click -> show(finder.byPortalId(patient.id().value().toString())));
            open.addClassName("recent-patient");
            open.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            entries.add(open);
        }
        list.add(entries);
        return list;
    }

    private void show(List<FoundPatient> found) {
        results.removeAll();
        record.removeAll();
        if (found.isEmpty()) {
            results.add(new Paragraph(getTranslation("clinician.search.none")));
            return;
        }
        for (FoundPatient patient : found) {
            var open = new Button(getTranslation("clinician.search.result", patient.name().display(),
                    JapanTime.day(patient.birthDate()), getTranslation(patient.shares() ? "clinician.search.shares"
                            : "clinician.search.treatedOnly")), click -> record.show(patient));
            open.addClassName("search-result");
            results.add(open);
        }
        if (found.size() == 1) {
            record.show(found.getFirst());
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.clinician");
    }
}
