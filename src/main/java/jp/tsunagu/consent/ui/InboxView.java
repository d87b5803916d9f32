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
                    .span("tsunagu-item-detail", getTranslation(textKey(message), args))
                    .span("tsunagu-item-source", JapanTime.minute(message.at())).toString());
            if (message.kind() == InboxMessage.Kind.INVITATION && message.arguments().size() >= 3) {
                // The answer page is research's; the inbox links to it by its address (an invitation id).
                var open = new com.vaadin.flow.component.html.Anchor("patient/invitations/" + message.arguments().get(2),
                        getTranslation("inbox.INVITATION.open"));
                open.addClassName("inbox-invitation");
                row.add(open);
            }
            if (message.kind() == InboxMessage.Kind.RECORDS_ARRIVED && message.arguments().size() >= 2) {
                row.add(notMine(message.arguments().get(0), message.arguments().get(1)));
            }
            list.add(row);
        }
        add(list);
        consent.markInboxRead();
    }

    /** A steward's decision reads as what happened (returned or removed); every other notice by its kind. */
    private static String textKey(InboxMessage message) {
        return message.kind() == InboxMessage.Kind.RECORDS_DECIDED && message.arguments().size() >= 2
                ? "inbox.RECORDS_DECIDED." + message.arguments().get(1) : "inbox." + message.kind().name();
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
