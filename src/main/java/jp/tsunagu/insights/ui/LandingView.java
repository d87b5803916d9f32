package jp.tsunagu.insights.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jp.tsunagu.identity.IdentityProperties;
import jp.tsunagu.identity.ActorService;

/**
 * The public front page: what Tsunagu is for, the four benefits of using medical data (each gets
 * its own page with live figures later), how consent works, and the way in.
 */
@Route("")
@AnonymousAllowed
class LandingView extends VerticalLayout implements HasDynamicTitle {

    private static final String[] BENEFITS = {"quality", "innovation", "resources", "sustainability"};
    private static final String[] PROMISES = {"consent", "log", "numbers"};

    /** The live figure each benefit card shows. */
    private static final java.util.Map<String, String> HEADLINE = java.util.Map.of(
            "quality", "quality.allergiesShared", "innovation", "innovation.trialOptIn",
            "resources", "resources.inpatients", "sustainability", "sustainability.duplicatePrescriptions");

    LandingView(ActorService actors, jp.tsunagu.insights.Insights insights) {
        addClassName("tsunagu-page");
        addClassName("tsunagu-landing");

        var hero = new Section();
        hero.addClassName("tsunagu-hero");
        var title = new H1(getTranslation("landing.title"));
        var lead = new Paragraph(getTranslation("landing.lead"));
        boolean signedIn = actors.currentActor().isPresent();
        var action = signedIn
                ? new Anchor("home", getTranslation("landing.mypage"))
                : new Anchor(IdentityProperties.LOGIN_PATH, getTranslation("landing.login"));
        action.setRouterIgnore(!signedIn);
        action.addClassName("tsunagu-cta");
        action.setId("landing-action");
        hero.add(title, lead, action);

        var benefits = new Section(new H2(getTranslation("landing.benefits.title")));
        benefits.setId("benefits");
        var grid = new Div();
        grid.addClassName("tsunagu-cards");
        for (String benefit : BENEFITS) {
            var card = new Div(
                    new H3(getTranslation("benefit." + benefit + ".title")),
                    new Paragraph(getTranslation("benefit." + benefit + ".text")));
            card.addClassName("tsunagu-benefit");
            card.setId("benefit-" + benefit);
            var figures = insights.current();
            if (figures.ready()) {
                card.add(Tiles.tile(this, HEADLINE.get(benefit), figures));
            }
            var more = new Anchor("benefits/" + benefit, getTranslation("landing.benefits.more"));
            more.addClassName("benefit-more");
            card.add(more);
            grid.add(card);
        }
        benefits.add(grid);

        var promises = new UnorderedList();
        promises.addClassName("tsunagu-promises");
        for (String promise : PROMISES) {
            promises.add(new ListItem(getTranslation("landing.promise." + promise)));
        }
        var links = new Div(new Anchor("insights/resources", getTranslation("insights.resources.title")),
                new Anchor("insights/register", getTranslation("insights.register.title")));
        links.addClassName("tsunagu-actions");
        links.setId("landing-insights");
        benefits.add(links);
        var trust = new Section(new H2(getTranslation("landing.promise.title")), promises);

        add(hero, benefits, trust);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("landing.pagetitle");
    }
}
