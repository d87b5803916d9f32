package jp.tsunagu.research.ui;

import java.io.ByteArrayInputStream;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.identity.Role;
import jp.tsunagu.research.Cohorts;
import jp.tsunagu.research.InvalidCriteriaException;
import jp.tsunagu.research.QueryRefusedException;
import jp.tsunagu.research.Released;
import jp.tsunagu.research.studies.ContactsCsv;
import jp.tsunagu.research.studies.Studies;
import jp.tsunagu.research.studies.Study;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shell.SafeHtml;

/**
 * The sponsor's studies: register one (its criteria from a saved definition), see the steward's answer,
 * send invitations for an approved one, and read the answers: suppressed counts, and the contact
 * details of the patients who accepted.
 */
@Route("sponsor/studies")
@RolesAllowed(Role.Names.SPONSOR)
@Menu(title = "menu.sponsorStudies", order = 32, icon = "vaadin:clipboard-text")
class StudiesView extends VerticalLayout implements HasDynamicTitle {

    private final Studies studies;
    private final CriteriaText text;
    private final Div list = new Div();

    StudiesView(Studies studies, Cohorts cohorts) {
        this.studies = studies;
        this.text = new CriteriaText(this, cohorts.vocabulary());
        addClassNames("tsunagu-page", "tsunagu-desk");
        list.setId("studies");
        list.addClassName("tsunagu-items");
        add(new H1(getTranslation("menu.sponsorStudies")), new Paragraph(getTranslation("research.studies.intro")),
                list, form(cohorts.saved()));
        refresh();
    }

    private Div form(List<Cohorts.Saved> saved) {
        var title = new TextField(getTranslation("research.study.title"));
        title.setId("study-title");
        title.setMaxLength(Study.Draft.TITLE);
        var summary = new TextArea(getTranslation("research.study.summary"));
        summary.setId("study-summary");
        summary.setMaxLength(Study.Draft.SUMMARY);
        var sites = new TextArea(getTranslation("research.study.sites"));
        sites.setId("study-sites");
        sites.setMaxLength(Study.Draft.SITES);
        var contact = new TextField(getTranslation("research.study.contact"));
        contact.setId("study-contact");
        contact.setMaxLength(Study.Draft.CONTACT);
        var criteria = new Select<Cohorts.Saved>();
        criteria.setLabel(getTranslation("research.study.criteria"));
        criteria.setItems(saved);
        criteria.setItemLabelGenerator(Cohorts.Saved::name);
        criteria.setId("study-criteria");
        criteria.setHelperText(getTranslation("research.study.criteriaHelp"));
        var message = new Paragraph();
        message.setId("study-message");
        var register = new Button(getTranslation("research.study.register"), click -> {
            if (criteria.getValue() == null) {
                message.setText(getTranslation("research.study.error.noCriteria"));
                return;
            }
            try {
                studies.register(new Study.Draft(title.getValue(), summary.getValue(), sites.getValue(),
                        contact.getValue(), criteria.getValue().definition()));
                message.setText(getTranslation("research.study.registered"));
                title.clear();
                summary.clear();
                sites.clear();
                contact.clear();
                refresh();
            } catch (InvalidCriteriaException e) {
                message.setText(getTranslation(e.key(), e.arguments()));
            }
        });
        register.setId("study-register");
        register.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new Div(new H2(getTranslation("research.study.new")), title, summary, sites, contact, criteria,
                register, message);
        form.addClassName("tsunagu-form");
        return form;
    }

    private void refresh() {
        list.removeAll();
        List<Study> mine = studies.mine();
        if (mine.isEmpty()) {
            list.add(new Paragraph(getTranslation("research.studies.none")));
        }
        mine.forEach(study -> list.add(card(study)));
    }

    private Div card(Study study) {
        var card = new Div();
        card.addClassNames("tsunagu-item", "study", "study-" + study.status().name().toLowerCase(java.util.Locale.ROOT));
        var head = new Div();
        head.getElement().setProperty("innerHTML", new SafeHtml()
                .span("tsunagu-item-title", study.title())
                .span("study-status", getTranslation("research.study.status." + study.status().name()))
                .span("tsunagu-item-detail", text.of(study.criteria()))
                .span("tsunagu-item-source", getTranslation("research.study.submitted",
                        JapanTime.minute(study.submittedAt()))).toString());
        card.add(head);
        study.reviewNote().filter(n -> !n.isBlank()).ifPresent(note -> card.add(new Paragraph(
                getTranslation("research.study.note", note))));
        if (study.status() == Study.Status.APPROVED) {
            var outcome = new Div();
            outcome.addClassName("study-outcome");
            var invite = new Button(getTranslation("research.study.invite"), click -> confirmInvite(study, outcome));
            invite.addClassName("study-invite");
            invite.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            var answers = new Button(getTranslation("research.study.answers"), click -> {
                outcome.removeAll();
                outcome.add(answers(studies.responses(study.id())));
            });
            answers.addClassName("study-answers");
            var actions = new Div(invite, answers, contactsDownload(study));
            actions.addClassName("study-actions");
            // Said where the sponsor can read it, not in a tooltip: each download shows in the patients' logs.
            var logged = new Paragraph(getTranslation("research.study.contactsCsvNote"));
            logged.addClassName("tsunagu-note");
            card.add(actions, logged, outcome);
        }
        return card;
    }

    /**
     * Sending cannot be taken back, so the sponsor says yes first, to what will happen in words: how many (the
     * figure already shown on the count, never a fresh or exact one), that no name reaches them, that it is final.
     */
    private void confirmInvite(Study study, Div outcome) {
        var what = new Paragraph(studies.figureSeen(study.id())
                .map(seen -> getTranslation("research.study.invite.confirm.seen", figure(seen)))
                .orElseGet(() -> getTranslation("research.study.invite.confirm.unseen")));
        var blind = new Paragraph(getTranslation("research.study.invite.confirm.blind"));
        var last = new Paragraph(getTranslation("research.study.invite.confirm.final"));
        var words = new Div(what, blind, last);
        words.setId("study-invite-confirm-text");
        var dialog = new ConfirmDialog();
        dialog.setHeader(getTranslation("research.study.invite.confirm.title", study.title()));
        dialog.setText(words);
        dialog.setConfirmText(getTranslation("research.study.invite.confirm.yes"));
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("research.study.invite.confirm.no"));
        dialog.addConfirmListener(confirmed -> {
            outcome.removeAll();
            try {
                Released sent = studies.invite(study.id());
                outcome.add(new Paragraph(getTranslation("research.study.invited", figure(sent))));
            } catch (QueryRefusedException e) {
                outcome.add(new Paragraph(text.refusal(e)));
            } catch (InvalidCriteriaException e) {
                outcome.add(new Paragraph(getTranslation(e.key(), e.arguments())));
            }
        });
        dialog.open();
    }

    /**
     * The accepted contacts as a CSV file. The column titles are taken now, in the screen's language; the
     * file is made (and each patient in it logged) only when the sponsor downloads it.
     */
    private Anchor contactsDownload(Study study) {
        var header = new ContactsCsv.Header(getTranslation("research.study.csv.name"),
                getTranslation("research.study.csv.phone"), getTranslation("research.study.csv.email"),
                getTranslation("research.study.csv.acceptedAt"));
        var download = new Anchor(DownloadHandler.fromInputStream(event -> {
            Studies.ContactsFile file = studies.contactsFile(study.id(), header);
            return new DownloadResponse(new ByteArrayInputStream(file.bytes()), file.fileName(),
                    "text/csv; charset=UTF-8", file.bytes().length);
        }), getTranslation("research.study.contactsCsv"));
        download.addClassName("study-contacts-csv");
        return download;
    }

    private Div answers(Studies.Responses responses) {
        var box = new Div();
        for (Studies.Round round : responses.rounds()) {
            box.add(new Paragraph(getTranslation("research.study.round", JapanTime.minute(round.at()),
                    figure(round.invited()))));
        }
        box.addClassName("study-responses");
        box.add(new H3(getTranslation("research.study.accepted")));
        if (responses.accepted().isEmpty()) {
            box.add(new Paragraph(getTranslation("research.study.noneAccepted")));
        }
        for (var contact : responses.accepted()) {
            var row = new Div();
            row.addClassNames("tsunagu-item", "study-contact");
            row.getElement().setProperty("innerHTML", new SafeHtml()
                    .span("tsunagu-item-title", contact.name())
                    .span("tsunagu-item-detail", getTranslation("research.study.phone", contact.phone().isEmpty()
                            ? "—" : contact.phone()))
                    .span("tsunagu-item-detail", getTranslation("research.study.email", contact.email().isEmpty()
                            ? "—" : contact.email()))
                    .span("tsunagu-item-source", getTranslation("research.study.answeredAt",
                            JapanTime.minute(contact.answeredAt()))).toString());
            box.add(row);
        }
        return box;
    }

    private String figure(Released released) {
        return Figures.of(this, released);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.sponsorStudies");
    }
}
