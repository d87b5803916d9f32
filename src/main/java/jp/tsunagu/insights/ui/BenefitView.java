package jp.tsunagu.insights.ui;

import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jp.tsunagu.insights.Insights;
import jp.tsunagu.insights.PublicFigures;
import jp.tsunagu.shared.JapanTime;

/**
 * One of the four reasons to use medical data: the problem today and the goal (as the policy deck frames
 * them), what it means for each stakeholder, and live figures from the platform. Public, Japanese first.
 */
@Route("benefits")
@AnonymousAllowed
class BenefitView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    static final List<String> BENEFITS = List.of("quality", "innovation", "resources", "sustainability");
    private static final List<String> STAKEHOLDERS = List.of("patient", "clinician", "researcher", "manager",
            "government");
    /** The live figures of each page, by key. */
    private static final Map<String, List<String>> FIGURES = Map.of(
            "quality", List.of("quality.allergyPatients", "quality.allergiesShared", "quality.documents",
                    "quality.documentPatients"),
            "innovation", List.of("innovation.trialOptIn", "innovation.allowed.RESEARCH",
                    "innovation.allowed.POST_MARKET", "innovation.queriesAnswered", "innovation.invitationsSent",
                    "innovation.invitationsAccepted"),
            "resources", List.of("resources.inpatients", "resources.licensedBeds", "resources.positivesLastWeek",
                    "innovation.allowed.PUBLIC_HEALTH"),
            "sustainability", List.of("sustainability.duplicatePrescriptions", "sustainability.duplicateTests",
                    "sustainability.duplicatePatients"));

    private final Insights insights;
    private String benefit = "quality";

    BenefitView(Insights insights) {
        this.insights = insights;
        addClassNames("tsunagu-page", "insights-page");
    }

    @Override
    public void setParameter(BeforeEvent event, String parameter) {
        if (!BENEFITS.contains(parameter)) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class);
            return;
        }
        benefit = parameter;
        removeAll();
        String k = "benefit." + benefit;
        var title = new H1(getTranslation(k + ".title"));
        title.setId("benefit-title");
        add(title, new Paragraph(getTranslation(k + ".text")));

        var problem = new Div(new H2(getTranslation("insights.today")), new Paragraph(getTranslation(k + ".today")));
        var goal = new Div(new H2(getTranslation("insights.goal")), new Paragraph(getTranslation(k + ".goal")));
        problem.addClassName("insights-frame");
        goal.addClassName("insights-frame");
        var frame = new Div(problem, goal);
        frame.addClassName("insights-frames");
        add(frame);

        PublicFigures figures = insights.current();
        add(new H2(getTranslation("insights.live")));
        if (!figures.ready()) {
            add(new Paragraph(getTranslation("insights.computing")));
        } else {
            var tiles = Tiles.of("benefit-figures");
            FIGURES.get(benefit).forEach(key -> tiles.add(Tiles.tile(this, key, figures)));
            var note = new Paragraph(getTranslation("insights.asOf", JapanTime.minute(figures.computedAt())));
            note.addClassName("tsunagu-note");
            add(tiles, note);
        }
        if (benefit.equals("sustainability")) {
            add(new SustainabilityPanel(figures));
        }
        switch (benefit) {
            case "resources" -> add(link("insights/resources", "insights.toDashboard"));
            case "innovation" -> add(link("insights/register", "insights.toRegister"));
            default -> {
            }
        }

        add(new H2(getTranslation("insights.useCases")));
        var cases = new Div();
        cases.setId("benefit-use-cases");
        cases.addClassName("tsunagu-cards");
        for (String who : STAKEHOLDERS) {
            var card = new Div(new H3(getTranslation("insights.stakeholder." + who)),
                    new Paragraph(getTranslation(k + ".case." + who)));
            card.addClassName("tsunagu-benefit");
            cases.add(card);
        }
        add(cases, new Paragraph(getTranslation("insights.privacy")));
    }

    private Anchor link(String href, String key) {
        var a = new Anchor(href, getTranslation(key));
        a.addClassName("tsunagu-cta");
        return a;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("benefit." + benefit + ".title") + " — " + getTranslation("app.name");
    }
}
