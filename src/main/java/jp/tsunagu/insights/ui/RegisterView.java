package jp.tsunagu.insights.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jp.tsunagu.insights.Insights;
import jp.tsunagu.insights.PublicFigures;
import jp.tsunagu.research.ResearchFigures;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shell.SafeHtml;

/**
 * The public register of data uses: every approved study and every post-market analysis, with who, why,
 * which categories, on what consent basis, when, and what was released (as it was released).
 */
@Route("insights/register")
@AnonymousAllowed
class RegisterView extends VerticalLayout implements HasDynamicTitle {

    RegisterView(Insights insights) {
        addClassNames("tsunagu-page", "insights-page");
        var title = new H1(getTranslation("insights.register.title"));
        title.setId("register-title");
        add(title, new Paragraph(getTranslation("insights.register.text")));
        PublicFigures figures = insights.current();
        var list = new Div();
        list.setId("register");
        list.addClassName("tsunagu-items");
        if (!figures.ready()) {
            list.add(new Paragraph(getTranslation("insights.computing")));
        } else {
            var asOf = new Paragraph(getTranslation("insights.register.asOf", JapanTime.minute(figures.computedAt())));
            asOf.setId("register-as-of");
            asOf.addClassName("tsunagu-note");
            list.add(asOf);
            if (figures.register().isEmpty()) {
                list.add(new Paragraph(getTranslation("insights.register.none")));
            }
        }
        for (ResearchFigures.Use use : figures.register()) {
            var row = new Div();
            row.addClassNames("tsunagu-item", "register-" + use.kind().toLowerCase(java.util.Locale.ROOT));
            String categories = String.join("・", use.categories().stream()
                    .map(c -> getTranslation("record.category." + c)).toList());
            row.getElement().setProperty("innerHTML", new SafeHtml()
                    .span("tsunagu-item-title", getTranslation("insights.register.kind." + use.kind()) + "：" + title(use))
                    .span("tsunagu-item-detail", getTranslation("insights.register.who", use.sponsor(),
                            getTranslation("consent.purposeName." + use.purpose())))
                    .span("tsunagu-item-detail", getTranslation("insights.register.what", categories.isEmpty() ? "—"
                            : categories, getTranslation("insights.register.basis." + use.basis())))
                    .span("tsunagu-item-detail", getTranslation("insights.register.released",
                            use.released().isEmpty() ? getTranslation("insights.register.nothingYet")
                                    : String.join(" / ", use.released().stream().map(this::released).toList())))
                    .span("tsunagu-item-detail", handover(use))
                    .span("tsunagu-item-source", getTranslation("insights.register.period",
                            JapanTime.minute(use.from()), use.lastUsed().map(JapanTime::minute).orElse("—")))
                    .toString());
            list.add(row);
        }
        add(list);
    }

    /** For a trial, when contacts went to the sponsor: the one moment a person's identity leaves the portal. */
    private String handover(ResearchFigures.Use use) {
        if (!use.kind().equals("STUDY")) {
            return "";
        }
        return use.contactsHandedOver().map(at -> getTranslation("insights.register.handedOver", JapanTime.day(at)))
                .orElse(getTranslation("insights.register.noneHandedOver"));
    }

    /** A study's title; a safety analysis's drug, signal and window. */
    private String title(ResearchFigures.Use use) {
        if (!use.kind().equals("POST_MARKET")) {
            return use.title();
        }
        var node = tools.jackson.databind.json.JsonMapper.builder().build().readTree(use.title());
        return getTranslation("insights.register.analysis", node.path("drug").asString(""),
                getTranslation("research.safety.signal." + node.path("signal").asString("")),
                node.path("days").asInt());
    }

    /** A released figure set in words: "合計 10人以下", "処方された患者さん 27 人 …". */
    private String released(String json) {
        var node = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json);
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (var field : node.properties()) {
            var released = jp.tsunagu.research.Released.ofToken(field.getValue().asString(""));
            String figure = released.shown() ? getTranslation("research.people", released.value().getAsLong())
                    : Tiles.number(this, released, Tiles.Unit.PEOPLE);
            parts.add(getTranslation("research.queries.figure." + field.getKey()) + " " + figure);
        }
        return String.join("・", parts);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("insights.register.title") + " — " + getTranslation("app.name");
    }
}
