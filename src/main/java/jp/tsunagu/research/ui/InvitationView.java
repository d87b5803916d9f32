package jp.tsunagu.research.ui;

import java.util.Optional;
import java.util.UUID;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.identity.Role;
import jp.tsunagu.research.InvalidCriteriaException;
import jp.tsunagu.research.studies.MyInvitations;
import jp.tsunagu.shared.JapanTime;

/**
 * A trial invitation on the patient's phone: what the study is, who runs it and where, and the answer.
 * Nothing about the patient has left the portal; accepting is what shares the contact details.
 */
@Route("patient/invitations")
@RolesAllowed(Role.Names.PATIENT)
class InvitationView extends VerticalLayout implements HasDynamicTitle, HasUrlParameter<String> {

    private final MyInvitations invitations;

    InvitationView(MyInvitations invitations) {
        this.invitations = invitations;
        addClassName("tsunagu-page");
    }

    @Override
    public void setParameter(BeforeEvent event, String parameter) {
        removeAll();
        Optional<MyInvitations.Invitation> found;
        try {
            found = invitations.invitation(UUID.fromString(parameter));
        } catch (IllegalArgumentException e) {
            found = Optional.empty();
        }
        if (found.isEmpty()) {
            add(new H1(getTranslation("invitation.notFound")), new Paragraph(getTranslation("invitation.notFoundText")));
            return;
        }
        show(found.get());
    }

    private void show(MyInvitations.Invitation invitation) {
        removeAll();
        var study = invitation.study();
        var title = new H1(study.title());
        title.setId("invitation-title");
        // Once she accepted, "nobody knows who you are" is no longer true: the page says what was handed over.
        var why = new Paragraph(getTranslation(invitation.status() == MyInvitations.Status.ACCEPTED
                ? "invitation.whyAccepted" : "invitation.why", study.sponsorName()));
        why.setId("invitation-why");
        add(new Paragraph(getTranslation("invitation.from", study.sponsorName(), JapanTime.minute(invitation.sentAt()))),
                title, why);
        add(section("invitation.summary", study.summary()), section("invitation.sites", study.sites()),
                section("invitation.contact", study.contact()));
        var answer = new Div();
        answer.setId("invitation-answer");
        answer.addClassName("invitation-answer");
        switch (invitation.status()) {
            case SENT -> {
                var share = new Checkbox(getTranslation("invitation.share", study.sponsorName()));
                share.setId("invitation-share");
                var accept = new Button(getTranslation("invitation.accept"));
                accept.setId("invitation-accept");
                accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                accept.setEnabled(false);
                share.addValueChangeListener(e -> accept.setEnabled(e.getValue()));
                var decline = new Button(getTranslation("invitation.decline"));
                decline.setId("invitation-decline");
                var message = new Paragraph();
                accept.addClickListener(click -> answer(invitation, true, share.getValue(), message));
                decline.addClickListener(click -> answer(invitation, false, false, message));
                answer.add(new H2(getTranslation("invitation.answerTitle")), new Paragraph(
                        getTranslation("invitation.answerText")), share, new Div(accept, decline), message);
            }
            case ACCEPTED -> accepted(invitation, answer);
            case DECLINED -> answer.add(new Paragraph(getTranslation("invitation.declined")));
        }
        add(answer);
    }

    /** What the sponsor was given and when, and the way to withdraw (honest about what cannot be recalled). */
    private void accepted(MyInvitations.Invitation invitation, Div answer) {
        var study = invitation.study();
        answer.add(new H2(getTranslation("invitation.handedOver.title")));
        invitation.handedOver().ifPresent(contact -> {
            var given = new Div();
            given.setId("invitation-handed-over");
            given.addClassName("invitation-handed-over");
            given.add(new Paragraph(getTranslation("invitation.handedOver", study.sponsorName(),
                    JapanTime.minute(contact.answeredAt()))));
            given.add(line("invitation.handedOver.name", contact.name()),
                    line("invitation.handedOver.phone", contact.phone()),
                    line("invitation.handedOver.email", contact.email()));
            answer.add(given);
        });
        var state = new Paragraph();
        state.setId("invitation-withdrawn");
        if (invitation.withdrawnAt().isPresent()) {
            state.setText(getTranslation("invitation.withdrawn", JapanTime.minute(invitation.withdrawnAt().get()),
                    study.sponsorName()));
            answer.add(state);
            return;
        }
        answer.add(new Paragraph(getTranslation("invitation.accepted", study.sponsorName())));
        var withdraw = new Button(getTranslation("invitation.withdraw"));
        withdraw.setId("invitation-withdraw");
        withdraw.addThemeVariants(ButtonVariant.LUMO_ERROR);
        withdraw.addClickListener(click -> {
            var dialog = new com.vaadin.flow.component.confirmdialog.ConfirmDialog(
                    getTranslation("invitation.withdraw.confirm.title"),
                    getTranslation("invitation.withdraw.confirm", study.sponsorName()),
                    getTranslation("invitation.withdraw.confirm.yes"), confirmed -> {
                        invitations.withdraw(invitation.id());
                        invitations.invitation(invitation.id()).ifPresent(this::show);
                    });
            dialog.setCancelable(true);
            dialog.setCancelText(getTranslation("invitation.withdraw.confirm.no"));
            dialog.open();
        });
        var note = new Paragraph(getTranslation("invitation.withdraw.text", study.sponsorName()));
        note.addClassName("tsunagu-note");
        answer.add(withdraw, note);
    }

    private Paragraph line(String key, String value) {
        return new Paragraph(getTranslation(key, value.isBlank() ? getTranslation("invitation.handedOver.none") : value));
    }

    private void answer(MyInvitations.Invitation invitation, boolean accept, boolean share, Paragraph message) {
        try {
            if (invitations.answer(invitation.id(), accept, share)) {
                invitations.invitation(invitation.id()).ifPresent(this::show);
            } else {
                message.setText(getTranslation("invitation.alreadyAnswered"));
            }
        } catch (InvalidCriteriaException e) {
            message.setText(getTranslation(e.key(), e.arguments()));
        }
    }

    private Div section(String key, String text) {
        var body = new Paragraph(text);
        body.addClassName("invitation-text");
        var box = new Div(new H2(getTranslation(key)), body);
        box.addClassName("invitation-section");
        return box;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("invitation.pageTitle");
    }
}
