package jp.tsunagu.consent.ui;

import java.util.UUID;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import jp.tsunagu.consent.InboxMessage;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.record.Quarantines;
import jp.tsunagu.consent.MyConsent;
import jp.tsunagu.identity.Role;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shell.SafeHtml;

/** Notices to the patient: emergency access, consent changes, (if asked) every use; invitations later. */
@Route("patient/inbox")
@RolesAllowed(Role.Names.PATIENT)
@Menu(title = "menu.inbox", order = 16, icon = "vaadin:envelope")
class InboxView extends VerticalLayout implements HasDynamicTitle {

    private final Quarantines quarantines;

    InboxView(MyConsent consent, Quarantines quarantines) {
        this.quarantines = quarantines;
        addClassName("tsunagu-page");
        var everyUse = new Checkbox(getTranslation("inbox.everyUse"), consent.notifiesEveryUse());
        everyUse.setId("inbox-every-use");
        everyUse.addValueChangeListener(e -> consent.notifyEveryUse(e.getValue()));
        var hint = new Paragraph(getTranslation("inbox.everyUse.text"));
        hint.addClassName("tsunagu-note");
        add(new H1(getTranslation("menu.inbox")), everyUse, hint);
        var list = new Div();
        list.setId("inbox");
        list.addClassName("tsunagu-items");
        var messages = consent.inbox();
        // Break-the-glass events, read once for the page: each notice shows its event as it stands now.
        java.util.Map<String, jp.tsunagu.consent.MyEmergency> emergencies = messages.stream()
                .anyMatch(m -> m.kind() == InboxMessage.Kind.EMERGENCY_ACCESS)
                ? consent.emergencies().stream().collect(java.util.stream.Collectors.toMap(
                        e -> e.access().id().toString(), e -> e)) : java.util.Map.of();
        if (messages.isEmpty()) {
            list.add(new Paragraph(getTranslation("inbox.none")));
        }
        for (InboxMessage message : messages) {
            var row = new Div();
            row.addClassNames("tsunagu-item", message.read() ? "read" : "unread");
            Object[] args = message.kind() == InboxMessage.Kind.INVITATION
                    || message.kind() == InboxMessage.Kind.RECORDS_ARRIVED
                    || message.kind() == InboxMessage.Kind.RECORDS_DECIDED ? message.arguments().toArray()
                    : message.arguments().stream().map(this::readable).toArray();
            // One element holds the text; an invitation's link is a sibling (innerHTML would replace children).
            var text = new Div();
            row.add(text);
            text.getElement().setProperty("innerHTML", new SafeHtml()
                    .span("tsunagu-item-title", getTranslation("inbox." + message.kind().name() + ".title"))
                    .span("tsunagu-item-detail", detail(message, args))
                    .span("tsunagu-item-source", JapanTime.minute(message.at())).toString());
            if (message.kind() == InboxMessage.Kind.INVITATION && message.arguments().size() >= 3) {
                // The answer page is research's; the inbox links to it by its address (an invitation id).
                var open = new com.vaadin.flow.component.html.Anchor("patient/invitations/" + message.arguments().get(2),
                        getTranslation("inbox.INVITATION.open"));
                open.addClassName("inbox-invitation");
                row.add(open);
            }
            if (message.kind() == InboxMessage.Kind.EMERGENCY_ACCESS && message.arguments().size() >= 4
                    && emergencies.containsKey(message.arguments().get(3))) {
                row.addClassName("inbox-emergency");
                row.add(emergency(consent, emergencies.get(message.arguments().get(3))));
            }
            if (message.kind() == InboxMessage.Kind.RECORDS_ARRIVED && message.arguments().size() >= 2) {
                row.add(notMine(message.arguments().get(0), message.arguments().get(1)));
            }
            list.add(row);
        }
        add(list);
        // Read once her browser has shown the page: the page's first answer is built on the server (ADR 0012),
        // and a request that never displays it (a prefetch, a link preview) must not mark her notices read.
        getElement().executeJs("return true").then(shown -> consent.markInboxRead());
    }

    /** A purpose switch says what it now does; everything else by its kind's text. */
    private String detail(InboxMessage message, Object[] args) {
        if (message.kind() == InboxMessage.Kind.CONSENT_CHANGED && message.arguments().size() >= 2) {
            var switched = jp.tsunagu.consent.ConsentWords.switched(message.arguments().get(1),
                    message.arguments().get(0));
            if (switched.isPresent()) {
                return getTranslation(switched.get());
            }
        }
        return getTranslation(textKey(message), args);
    }

    /** A steward's decision reads as what happened (returned or removed); every other notice by its kind. */
    private static String textKey(InboxMessage message) {
        return message.kind() == InboxMessage.Kind.RECORDS_DECIDED && message.arguments().size() >= 2
                ? "inbox.RECORDS_DECIDED." + message.arguments().get(1) : "inbox." + message.kind().name();
    }

    /**
     * The rest of an emergency notice: until when the access lasts, what was read, the steward's verdict when it
     * comes, and her objection in one tap (it goes to the stewards' review queue; a second tap adds nothing).
     */
    private com.vaadin.flow.component.Component emergency(MyConsent consent, jp.tsunagu.consent.MyEmergency event) {
        var access = event.access();
        java.time.Instant now = java.time.Instant.now();
        String read = event.categoriesRead().isEmpty()
                ? getTranslation(access.openAt(now) ? "inbox.emergency.nothingReadYet" : "inbox.emergency.nothingRead")
                : getTranslation("inbox.emergency.read", String.join("・", event.categoriesRead().stream()
                        .map(c -> getTranslation("record.category." + c)).toList()));
        String verdict = access.review().map(r -> getTranslation(
                r.justified() ? "inbox.emergency.justified" : "inbox.emergency.notJustified",
                JapanTime.minute(r.reviewedAt()))).orElse(getTranslation("inbox.emergency.pending"));
        var facts = new Div();
        facts.addClassName("inbox-emergency-facts");
        facts.getElement().setProperty("innerHTML", new SafeHtml()
                .span("tsunagu-item-detail inbox-emergency-until", getTranslation(access.openAt(now)
                        ? "inbox.emergency.until" : "inbox.emergency.ended", JapanTime.minute(access.expiresAt())))
                .span("tsunagu-item-detail inbox-emergency-read", read)
                .span("tsunagu-item-detail inbox-emergency-verdict", verdict).toString());
        var state = new Paragraph();
        state.addClassName("inbox-emergency-objected");
        var object = new Button(getTranslation("inbox.emergency.object"));
        object.addClassName("inbox-emergency-object");
        var how = new Paragraph(getTranslation("inbox.emergency.howToObject"));
        how.addClassName("tsunagu-note");
        Runnable sent = () -> {
            object.setVisible(false);
            how.setVisible(false);
        };
        event.objectedAt().ifPresentOrElse(at -> {
            sent.run();
            state.setText(getTranslation("inbox.emergency.objected", JapanTime.minute(at)));
        }, () -> state.setVisible(false));
        object.addClickListener(click -> {
            // One tap sends it; tapping again (or in another tab) finds it sent and adds nothing.
            consent.objectToEmergency(access.id());
            sent.run();
            state.setText(getTranslation("inbox.emergency.objectedNow"));
            state.setVisible(true);
            Notification.show(getTranslation("inbox.emergency.objectedNow"), 5000, Notification.Position.BOTTOM_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        });
        return new Div(facts, how, object, state);
    }

    /**
     * "これは私の記録ではありません" under a notice of records from a new sender: asks once, then holds back
     * everything that sender filed for her until a steward decides. A case already open reads as such.
     */
    private com.vaadin.flow.component.Component notMine(String sender, String organisationId) {
        OrganisationId organisation;
        try {
            organisation = new OrganisationId(UUID.fromString(organisationId));
        } catch (IllegalArgumentException e) {
            return new Div();
        }
        var state = new Paragraph();
        state.addClassName("tsunagu-note");
        var button = new Button(getTranslation("inbox.notMine"));
        button.addClassName("inbox-not-mine");
        button.addThemeVariants(ButtonVariant.LUMO_ERROR);
        var box = new Div(button, state);
        Runnable showOpen = () -> {
            button.setVisible(false);
            state.setText(getTranslation("inbox.notMine.held", sender));
        };
        if (quarantines.mine().stream().anyMatch(c -> c.organisation().equals(organisation)
                && c.state() == Quarantines.State.OPEN)) {
            showOpen.run();
        }
        button.addClickListener(click -> {
            var dialog = new ConfirmDialog(getTranslation("inbox.notMine.confirm.title"),
                    getTranslation("inbox.notMine.confirm", sender), getTranslation("inbox.notMine.confirm.yes"),
                    confirmed -> {
                        if (quarantines.notMine(organisation)) {
                            showOpen.run();
                        }
                    });
            dialog.setCancelable(true);
            dialog.setCancelText(getTranslation("inbox.notMine.confirm.no"));
            dialog.open();
        });
        return box;
    }

    /** Arguments stored as codes (a purpose, a change, category lists) read in the reader's language. */
    private String readable(String argument) {
        if (argument.matches("[A-Z_]+(,[A-Z_]+)*")) {
            return String.join("・", java.util.Arrays.stream(argument.split(",")).map(code -> {
                for (String prefix : new String[] {"consent.purposeName.", "record.category.", "consent.grantee.",
                        "emergency.reason."}) {
                    String text = getTranslation(prefix + code);
                    if (!text.startsWith("!")) {
                        return text;
                    }
                }
                return code;
            }).toList());
        }
        return getTranslation("inbox.change." + argument).startsWith("!") ? argument
                : getTranslation("inbox.change." + argument);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.inbox");
    }
}
