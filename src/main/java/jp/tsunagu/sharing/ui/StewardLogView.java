package jp.tsunagu.sharing.ui;

import java.util.Optional;
import java.util.UUID;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.shell.FormControls;
import jp.tsunagu.audit.AccessEntry;
import jp.tsunagu.audit.AccessLog;
import jp.tsunagu.audit.LogQuery;
import jp.tsunagu.identity.Role;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shell.SafeHtml;

/** The stewards' search of the access log by patient, actor, organisation and period. */
@Route("steward/log")
@RolesAllowed(Role.Names.STEWARD)
@Menu(title = "menu.stewardLog", order = 41, icon = "vaadin:search")
class StewardLogView extends VerticalLayout implements HasDynamicTitle {

    StewardLogView(AccessLog log) {
        addClassName("tsunagu-page");
        var patient = new TextField(getTranslation("steward.log.patient"));
        patient.setId("log-patient");
        var actor = new TextField(getTranslation("steward.log.actor"));
        actor.setId("log-actor");
        var organisation = new TextField(getTranslation("steward.log.organisation"));
        organisation.setId("log-organisation");
        var from = FormControls.localise(new DatePicker(getTranslation("steward.log.from")));
        var until = FormControls.localise(new DatePicker(getTranslation("steward.log.until")));
        var results = new Div();
        results.setId("log-results");
        results.addClassName("tsunagu-items");
        var search = new Button(getTranslation("steward.log.search"), click -> {
            results.removeAll();
            Optional<UUID> patientId;
            try {
                patientId = patient.isEmpty() ? Optional.empty() : Optional.of(UUID.fromString(patient.getValue().strip()));
            } catch (IllegalArgumentException e) {
                patient.setInvalid(true);
                patient.setErrorMessage(getTranslation("steward.log.badPatient"));
                return;
            }
            patient.setInvalid(false);
            var entries = log.search(new LogQuery(patientId, Optional.of(actor.getValue()),
                    Optional.of(organisation.getValue()),
                    Optional.ofNullable(from.getValue()).map(JapanTime::startOfDay),
                    Optional.ofNullable(until.getValue()).map(d -> JapanTime.startOfDay(d.plusDays(1)))));
            results.add(new Paragraph(getTranslation("steward.log.count", entries.size())));
            entries.forEach(entry -> results.add(row(entry)));
        });
        search.setId("log-search");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new Div(patient, actor, organisation, from, until, search);
        form.addClassName("tsunagu-search");
        add(new H1(getTranslation("menu.stewardLog")), form, results);
    }

    private Div row(AccessEntry entry) {
        var row = new Div();
        row.addClassName("tsunagu-item");
        row.getElement().setProperty("innerHTML", new SafeHtml()
                .span("tsunagu-item-title", getTranslation("accessLog.action." + entry.action().name() + "."
                        + entry.outcome().name()) + "・" + entry.purpose().map(p -> getTranslation(
                                "consent.purposeName." + p)).orElse(""))
                .span("tsunagu-item-detail", entry.actorName() + "（" + entry.actor() + "・"
                        + getTranslation("accessLog.role." + entry.actorRole())
                        + entry.organisation().map(o -> "・" + o).orElse("") + "）")
                .span("tsunagu-item-detail", getTranslation("steward.log.patientLine",
                        entry.patient().map(UUID::toString).orElse("—"), String.join("・", entry.categories().stream()
                                .map(c -> getTranslation("record.category." + c)).toList()),
                        entry.reason()))
                .span("tsunagu-item-source", "#" + entry.seq() + "・" + JapanTime.minute(entry.at())).toString());
        return row;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.stewardLog");
    }
}
