package jp.tsunagu.insights.ui;

import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * The pages a public service owes its visitors, linked from every page's footer: who runs it, how it
 * handles personal data, its terms, whom to contact, its accessibility policy and the questions people
 * ask. The texts live in the message bundle ({@code info.<page>.<n>.title/text}); the help page shows
 * its questions folded, one answer at a time.
 */
@Route("info")
@AnonymousAllowed
class InfoPageView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    /** Each page with its number of sections (questions on the help page), in footer order. */
    static final Map<String, Integer> PAGES = Map.of("operator", 3, "privacy", 7, "terms", 5, "contact", 3,
            "accessibility", 4, "help", 8);
    static final List<String> ORDER = List.of("operator", "privacy", "terms", "contact", "accessibility", "help");

    private String page = "operator";

    InfoPageView() {
        addClassNames("tsunagu-page", "tsunagu-info");
    }

    @Override
    public void setParameter(BeforeEvent event, String parameter) {
        if (!PAGES.containsKey(parameter)) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        page = parameter;
        removeAll();
        String k = "info." + page;
        var title = new H1(getTranslation(k + ".title"));
        title.setId("info-title");
        var lead = new Paragraph(getTranslation(k + ".lead"));
        lead.addClassName("tsunagu-lead");
        add(title, lead);
        for (int n = 1; n <= PAGES.get(page); n++) {
            String heading = getTranslation(k + "." + n + ".title");
            var text = new Paragraph(getTranslation(k + "." + n + ".text"));
            if (page.equals("help")) {
                var question = new Details(heading, text);
                question.addClassName("tsunagu-question");
                add(question);
            } else {
                add(new Section(new H2(heading), text));
            }
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("info." + page + ".title") + " — " + getTranslation("app.name");
    }
}
