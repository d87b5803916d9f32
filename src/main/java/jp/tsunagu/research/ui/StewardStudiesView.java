package jp.tsunagu.research.ui;

import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.identity.Role;
import jp.tsunagu.identity.StepUp;
import jp.tsunagu.identity.StepUpRequiredException;
import jp.tsunagu.research.Cohorts;
import jp.tsunagu.research.InvalidCriteriaException;
import jp.tsunagu.research.LoggedQuery;
import jp.tsunagu.research.studies.Studies;
import jp.tsunagu.research.studies.Study;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shell.SafeHtml;
import jp.tsunagu.shell.StepUpDialog;

/**
 * The stewards' research desk: studies waiting for approval (with their criteria in words), and the
 * query log: every sponsor's counts, refused ones too, with what was released.
 */
@Route("steward/studies")
@RolesAllowed(Role.Names.STEWARD)
@Menu(title = "menu.stewardStudies", order = 42, icon = "vaadin:clipboard-check")
class StewardStudiesView extends VerticalLayout implements HasDynamicTitle {

    private final Studies studies;
    private final CriteriaText text;
    private final Div pending = new Div();
    private final StepUp stepUp;

    StewardStudiesView(Studies studies, Cohorts cohorts, StepUp stepUp) {
        this.studies = studies;
        this.stepUp = stepUp;
        this.text = new CriteriaText(this, cohorts.vocabulary());
        addClassNames("tsunagu-page", "tsunagu-desk");
        pending.setId("steward-studies");
        pending.addClassName("tsunagu-items");
        var queries = new Div();
        queries.setId("steward-queries");
        queries.addClassName("tsunagu-items");
        List<LoggedQuery> logged = cohorts.allQueries();
        if (logged.isEmpty()) {
            queries.add(new Paragraph(getTranslation("research.queries.none")));
        }
        for (LoggedQuery q : logged) {
            var row = new Div();
            row.addClassNames("tsunagu-item", "query-" + q.outcome().toLowerCase(java.util.Locale.ROOT));
            row.getElement().setProperty("innerHTML", new SafeHtml()
                    .span("tsunagu-item-title", getTranslation("research.queries.kind." + q.kind()) + " · "
                            + getTranslation("research.queries.outcome." + q.outcome()))
                    .span("tsunagu-item-detail", q.sponsorName() + "（" + q.actorName() + "）"
                            + q.studyTitle().map(t -> " · " + t).orElse(""))
                    .span("tsunagu-item-detail", readable(q))
                    .span("tsunagu-item-detail", getTranslation("research.queries.released", released(q.released())))
                    .span("tsunagu-item-source", JapanTime.minute(q.at())).toString());
            queries.add(row);
        }
        add(new H1(getTranslation("menu.stewardStudies")), new Paragraph(getTranslation("research.steward.intro")),
                new H2(getTranslation("research.steward.pending")), pending,
                new H2(getTranslation("research.steward.queries")), queries);
        refresh();
    }

    /** What was released, in words: "合計 10人以下", "合計 25人・内訳 8 区分（秘匿 2）", a safety analysis' three figures. */
    private String released(String json) {
        tools.jackson.databind.JsonNode node;
        try {
            node = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json);
        } catch (tools.jackson.core.JacksonException e) {
            return json;
        }
        if (node == null || node.isEmpty()) {
            return getTranslation("research.queries.nothing");
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (var field : node.properties()) {
            if (field.getKey().equals("cells")) {
                long hidden = field.getValue().values().stream().filter(v -> v.asString().equals("hidden")).count();
                long shown = field.getValue().values().stream().filter(v -> !v.asString().equals("0")).count();
                parts.add(getTranslation("research.queries.cells", shown, hidden));
            } else {
                parts.add(getTranslation("research.queries.figure." + field.getKey()) + " "
                        + figure(field.getValue().asString()));
            }
        }
        return String.join("・", parts);
    }

    private String figure(String token) {
        return Figures.of(this, jp.tsunagu.research.Released.ofToken(token));
    }

    /** A cohort definition in words; a safety analysis as logged. */
    private String readable(LoggedQuery q) {
        if (q.kind().equals("POST_MARKET")) {
            return q.definition();
        }
        try {
            return text.of(jp.tsunagu.research.CriteriaJson.read(q.definition()));
        } catch (InvalidCriteriaException e) {
            return q.definition();
        }
    }

    private void refresh() {
        pending.removeAll();
        List<Study> waiting = studies.awaitingReview();
        if (waiting.isEmpty()) {
            pending.add(new Paragraph(getTranslation("research.steward.nonePending")));
        }
        waiting.forEach(study -> pending.add(card(study)));
    }

    private Div card(Study study) {
        var card = new Div();
        card.addClassNames("tsunagu-item", "pending-study");
        var body = new Div();
        body.getElement().setProperty("innerHTML", new SafeHtml()
                .span("tsunagu-item-title", study.title())
                .span("tsunagu-item-detail", study.sponsorName())
                .span("tsunagu-item-detail", study.summary())
                .span("tsunagu-item-detail", getTranslation("research.study.sitesShown", study.sites()))
                .span("tsunagu-item-detail", getTranslation("research.study.contactShown", study.contact()))
                .span("tsunagu-item-detail", getTranslation("research.study.criteriaShown", text.of(study.criteria())))
                .span("tsunagu-item-source", getTranslation("research.study.submitted",
                        JapanTime.minute(study.submittedAt()))).toString());
        var note = new TextArea(getTranslation("research.steward.note"));
        note.addClassName("review-note");
        note.setMaxLength(Studies.NOTE_LIMIT);
        var message = new Paragraph();
        var approve = new Button(getTranslation("research.steward.approve"), click -> review(study, true, note, message));
        approve.addClassName("study-approve");
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var reject = new Button(getTranslation("research.steward.reject"), click -> review(study, false, note, message));
        reject.addClassName("study-reject");
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
        card.add(body, note, new Div(approve, reject), message);
        return card;
    }

    private void review(Study study, boolean approve, TextArea note, Paragraph message) {
        try {
            if (studies.review(study.id(), approve, note.getValue())) {
                refresh();
            } else {
                message.setText(getTranslation("research.steward.alreadyReviewed"));
            }
        } catch (InvalidCriteriaException e) {
            message.setText(getTranslation(e.key(), e.arguments()));
        } catch (StepUpRequiredException stale) {
            StepUpDialog.open(stepUp, "/steward/studies", () -> { });
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.stewardStudies");
    }
}
