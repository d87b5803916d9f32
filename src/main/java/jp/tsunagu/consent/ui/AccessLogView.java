package jp.tsunagu.consent.ui;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.audit.AccessEntry;
import jp.tsunagu.consent.ConsentCategories;
import jp.tsunagu.consent.ConsentWords;
import jp.tsunagu.consent.MyConsent;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.identity.Role;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shell.SafeHtml;

/** Who looked at my data, when, what and why, including refused attempts and emergency access. */
@Route("patient/access-log")
@RolesAllowed(Role.Names.PATIENT)
@Menu(title = "menu.accessLog", order = 15, icon = "vaadin:eye")
class AccessLogView extends VerticalLayout implements HasDynamicTitle {

    private final Directory directory;
    private final java.util.Map<String, String> organisationNames = new java.util.HashMap<>();

    AccessLogView(MyConsent consent, Directory directory) {
        this.directory = directory;
        addClassName("tsunagu-page");
        add(new H1(getTranslation("menu.accessLog")), new Paragraph(getTranslation("accessLog.intro")));
        var list = new Div();
        list.setId("access-log");
        list.addClassName("tsunagu-items");
        var entries = consent.accessLog();
        if (entries.isEmpty()) {
            list.add(new Paragraph(getTranslation("accessLog.none")));
        }
        for (AccessEntry entry : entries) {
            var row = new Div();
            row.addClassNames("tsunagu-item", "access-" + entry.action().name().toLowerCase(Locale.ROOT));
            var html = new SafeHtml().open("tsunagu-item-top")
                    .span("tsunagu-item-title", title(entry) + change(entry))
                    .end()
                    .span("tsunagu-item-detail", who(entry))
                    .span("tsunagu-item-detail", what(entry));
            if (entry.action() == AccessEntry.Action.READ && entry.outcome() == AccessEntry.Outcome.PERMITTED
                    && !entry.notShown().isEmpty()) {
                // In the same row as what was seen: a calm note, not a second event.
                html.span("tsunagu-item-detail access-not-shown", getTranslation("accessLog.notShown",
                        categories(entry.notShown())));
            }
            html.span("tsunagu-item-source", JapanTime.minute(entry.at()));
            row.getElement().setProperty("innerHTML", html.toString());
            list.add(row);
        }
        add(list);
        add(new com.vaadin.flow.component.html.H2(getTranslation("accessLog.counted.title")),
                new Paragraph(getTranslation("accessLog.counted.intro")));
        var counted = new Div();
        counted.setId("access-log-counted");
        counted.addClassName("tsunagu-items");
        var uses = consent.countedIn();
        if (uses.isEmpty()) {
            counted.add(new Paragraph(getTranslation("accessLog.counted.none")));
        }
        for (var use : uses) {
            var row = new Div();
            row.addClassNames("tsunagu-item", "access-counted");
            row.getElement().setProperty("innerHTML", new SafeHtml()
                    .span("tsunagu-item-title", getTranslation("accessLog.counted." + use.purpose().name()))
                    .span("tsunagu-item-detail", use.study().map(s -> getTranslation("accessLog.counted.forStudy",
                            use.user(), s)).orElse(getTranslation("accessLog.counted.by", use.user())))
                    .span("tsunagu-item-source", JapanTime.minute(use.at())).toString());
            counted.add(row);
        }
        add(counted);
    }

    /**
     * A quarantine row's title names its step (held back, released, removed); a purpose switch says what the
     * switch means; others their action and outcome.
     */
    private String title(AccessEntry entry) {
        if (entry.action() == AccessEntry.Action.QUARANTINE) {
            return getTranslation("accessLog.action.QUARANTINE." + entry.purpose().orElse("OPEN"));
        }
        if (entry.action() == AccessEntry.Action.CONSENT_CHANGE && entry.reason().equals("emergency-objection")) {
            return getTranslation("accessLog.emergencyObjection");
        }
        Optional<String> switched = ConsentWords.switched(entry);
        if (switched.isPresent()) {
            return getTranslation(switched.get());
        }
        if (entry.action() == AccessEntry.Action.READ && CONTACT_HANDOVERS.contains(entry.reason())) {
            // Not "閲覧されました": the sponsor now holds her name, phone and e-mail, on screen or as a file.
            return getTranslation("accessLog.handover." + entry.reason());
        }
        if (entry.action() == AccessEntry.Action.EXPORT && "ips-summary".equals(entry.reason())) {
            // Not the whole record: the summary she took for a doctor abroad.
            return getTranslation("accessLog.export.ips");
        }
        return getTranslation("accessLog.action." + entry.action().name() + "." + entry.outcome().name());
    }

    /** How a sponsor receives an accepting patient's contact details: on its screen, or in a CSV file. */
    private static final java.util.Set<String> CONTACT_HANDOVERS = java.util.Set.of("invitation-contact",
            "invitation-contact-file");

    /** A consent change says which: "（共有を許可）", "（共有を停止）" … (a purpose switch says it in its title). */
    private String change(AccessEntry entry) {
        return entry.action() == AccessEntry.Action.CONSENT_CHANGE && ConsentWords.switched(entry).isEmpty()
                && !entry.reason().equals("emergency-objection")
                ? "（" + getTranslation("inbox.change." + entry.reason()) + "）" : "";
    }

    private String who(AccessEntry entry) {
        String role = getTranslation("accessLog.role." + entry.actorRole());
        return entry.actorName() + "（" + role + entry.organisation().map(o -> "・" + organisationName(o)).orElse("")
                + "）";
    }

    /** The log keeps the 医療機関コード the reader signed in with; the patient reads the hospital's name. */
    private String organisationName(String code) {
        return organisationNames.computeIfAbsent(code, c -> directory.organisationOf(Identifier.medicalInstitution(c))
                .or(() -> directory.organisationOf(Identifier.portalOrganisation(c)))
                .map(o -> o.details().name()).orElse(c));
    }

    private String what(AccessEntry entry) {
        switch (entry.action()) {
            case RECORDS_RECEIVED, QUARANTINE, IMPORT_WITHDRAWN -> {
                // These rows are about who filed records for her; the reason holds the sender's name or the file's.
                return getTranslation("accessLog.about." + entry.action().name(), entry.reason());
            }
            default -> {
            }
        }
        if (ConsentWords.switched(entry).isPresent()) {
            // A switch covers no category of hers by name: it says whether invitations or counts may come.
            return getTranslation("accessLog.what", getTranslation("consent.purposeName." + entry.purpose().orElse("")),
                    "—");
        }
        String categories = categories(entry.categories());
        String purpose = entry.purpose().map(p -> getTranslation("consent.purposeName." + p))
                .orElse(entry.action() == AccessEntry.Action.EXPORT && "PATIENT".equals(entry.actorRole())
                        ? getTranslation("consent.purposeName." + ConsentWords.OWN_DOWNLOAD) : "—");
        return getTranslation("accessLog.what", purpose, categories.isEmpty() ? "—" : categories);
    }

    /** Categories as the log keeps them, in the fixed order every screen uses. */
    private String categories(List<String> names) {
        return String.join("・", ConsentCategories.inOrder(names).stream()
                .map(c -> getTranslation("record.category." + c)).toList());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.accessLog");
    }
}
