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
import jp.tsunagu.consent.ConsentCategories;
import jp.tsunagu.consent.ConsentWords;
import jp.tsunagu.consent.EmergencyReason;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.identity.Role;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shell.SafeHtml;

/** The stewards' search of the access log by patient, actor, organisation and period. */
@Route("steward/log")
@RolesAllowed(Role.Names.STEWARD)
@Menu(title = "menu.stewardLog", order = 41, icon = "vaadin:search")
class StewardLogView extends VerticalLayout implements HasDynamicTitle {

    private final Directory directory;
    private final java.util.Map<String, String> organisationNames = new java.util.HashMap<>();

    StewardLogView(AccessLog log, Directory directory) {
        this.directory = directory;
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
        var html = new SafeHtml()
                .span("tsunagu-item-title", title(entry) + entry.purpose().map(p -> "・" + getTranslation(
                                "consent.purposeName." + p)).orElse(""))
                .span("tsunagu-item-detail", entry.actorName() + "（" + getTranslation("accessLog.role." + entry.actorRole())
                        + entry.organisation().map(o -> "・" + organisationName(o)).orElse("") + "）")
                .span("tsunagu-item-detail", getTranslation("steward.log.patientLine",
                        entry.patient().map(UUID::toString).orElse("—"), categories(entry.categories()),
                        reason(entry)));
        if (!entry.notShown().isEmpty()) {
            html.span("tsunagu-item-detail log-not-shown", getTranslation("steward.log.notShown",
                    categories(entry.notShown())));
        }
        row.getElement().setProperty("innerHTML", html
                .span("tsunagu-item-source", "#" + entry.seq() + "・" + JapanTime.minute(entry.at())).toString());
        return row;
    }

    /**
     * The steward's own wording where the patient's log speaks to her ("あなたの名前を表示しました"), else the same
     * title as hers.
     */
    private String title(AccessEntry entry) {
        if (entry.action() == AccessEntry.Action.CONSENT_CHANGE && entry.reason().equals("emergency-objection")) {
            return getTranslation("steward.log.action.objection");
        }
        String own = getTranslation("steward.log.action." + entry.action().name() + "." + entry.outcome().name());
        return own.startsWith("!") ? getTranslation("accessLog.action." + entry.action().name() + "."
                + entry.outcome().name()) : own;
    }

    private String categories(java.util.List<String> names) {
        return names.isEmpty() ? "—" : String.join("・", ConsentCategories.inOrder(names).stream()
                .map(c -> getTranslation("record.category." + c)).toList());
    }

    /**
     * The row's reason in words. The log keeps codes ("no consent", "UNCONSCIOUS: …", "JUSTIFIED: …") so that
     * it reads the same in ten years; free text the portal did not write (a sender's name, a clinician's
     * explanation, a steward's comment) is shown as written.
     */
    private String reason(AccessEntry entry) {
        String code = entry.reasonCode();
        var known = ConsentWords.reasonKey(code);
        if (known.isPresent()) {
            return getTranslation(known.get());
        }
        var counted = java.util.regex.Pattern.compile("access-log-search: (\\d+) rows").matcher(code);
        if (counted.matches()) {
            return getTranslation("steward.log.reason.search", counted.group(1));
        }
        var imported = java.util.regex.Pattern.compile("added (\\d+), updated (\\d+)").matcher(code);
        if (imported.matches()) {
            return getTranslation("steward.log.reason.imported", imported.group(1), imported.group(2));
        }
        int colon = code.indexOf(": ");
        if (colon > 0) {
            String head = code.substring(0, colon);
            String rest = code.substring(colon + 2);
            if (entry.action() == AccessEntry.Action.EMERGENCY_ACCESS && isCode(EmergencyReason.class, head)) {
                return getTranslation("emergency.reason." + head) + "：" + rest;
            }
            if (entry.action() == AccessEntry.Action.EMERGENCY_REVIEW
                    && (head.equals("JUSTIFIED") || head.equals("NOT_JUSTIFIED"))) {
                return getTranslation("steward.log.verdict." + head) + "：" + rest;
            }
        }
        return code;
    }

    private static <E extends Enum<E>> boolean isCode(Class<E> type, String name) {
        return java.util.Arrays.stream(type.getEnumConstants()).anyMatch(e -> e.name().equals(name));
    }

    /** The log keeps the code the reader signed in with; the steward reads the organisation's name. */
    private String organisationName(String code) {
        return organisationNames.computeIfAbsent(code, c -> directory.organisationOf(Identifier.medicalInstitution(c))
                .or(() -> directory.organisationOf(Identifier.portalOrganisation(c)))
                .map(o -> o.details().name() + "（" + c + "）").orElse(c));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.stewardLog");
    }
}
