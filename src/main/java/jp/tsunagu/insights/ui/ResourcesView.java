package jp.tsunagu.insights.ui;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jp.tsunagu.insights.Insights;
import jp.tsunagu.insights.PublicFigures;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shell.SafeHtml;

/**
 * The resource dashboard (the G-MIS problem): beds in use now by prefecture and hospital, the national trend
 * over 30 days, positive infection tests per week by prefecture, all counted from routine records.
 */
@Route("insights/resources")
@AnonymousAllowed
class ResourcesView extends VerticalLayout implements HasDynamicTitle {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("M/d");

    ResourcesView(Insights insights) {
        addClassNames("tsunagu-page", "insights-page");
        var title = new H1(getTranslation("insights.resources.title"));
        title.setId("resources-title");
        add(title, new Paragraph(getTranslation("insights.resources.text")));
        PublicFigures figures = insights.current();
        if (!figures.ready()) {
            add(new Paragraph(getTranslation("insights.computing")));
            return;
        }
        var tiles = Tiles.of("resources-figures");
        for (String key : List.of("resources.inpatients", "resources.licensedBeds", "resources.positivesLastWeek")) {
            tiles.add(Tiles.tile(this, key, figures.figure(key)));
        }
        var asOf = new Paragraph(getTranslation("insights.asOf", JapanTime.minute(figures.computedAt())));
        asOf.addClassName("tsunagu-note");
        add(tiles, asOf);

        add(new H2(getTranslation("insights.trend.title")), html("resources-trend", trendChart(figures.trend())));
        var legend = new Paragraph(getTranslation("insights.map.legend"));
        legend.addClassName("tsunagu-note");
        add(new H2(getTranslation("insights.beds.title")), new Paragraph(getTranslation("insights.beds.text")),
                html("resources-map", PrefectureMap.svg(figures.prefectures(), "en".equals(getLocale().getLanguage()),
                        getTranslation("insights.beds.title"))), legend,
                html("resources-prefectures", bedsTable(figures.prefectures(), "insights.prefecture", "insights.beds.title")));
        add(new H2(getTranslation("insights.infections.title")), new Paragraph(getTranslation("insights.infections.text")),
                html("resources-infections", infectionTable(figures)));
        add(new H2(getTranslation("insights.hospitals.title")),
                html("resources-hospitals", bedsTable(figures.hospitals().stream()
                        .filter(b -> !b.inpatients().shown() || b.inpatients().value().getAsLong() > 0).toList(),
                        "insights.hospital", "insights.hospitals.title")));
        var privacy = new Paragraph(getTranslation("insights.privacy"));
        privacy.addClassName("tsunagu-note");
        add(privacy);
    }

    private static Div html(String id, String markup) {
        var div = new Div();
        div.setId(id);
        div.getElement().setProperty("innerHTML", markup);
        return div;
    }

    /** Bars of inpatients per day; a protected day is an outlined bar at the height of ten. */
    private String trendChart(List<PublicFigures.Day> days) {
        long max = Math.max(10, days.stream().mapToLong(d -> d.inpatients().value().orElse(10)).max().orElse(10));
        int width = 600;
        int height = 160;
        double bar = (double) width / days.size();
        var svg = new StringBuilder("<svg class=\"insights-chart\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height + 20).append("\" role=\"img\" aria-label=\"")
                .append(SafeHtml.text(getTranslation("insights.trend.title"))).append("\">");
        for (int i = 0; i < days.size(); i++) {
            PublicFigures.Day d = days.get(i);
            long v = d.inpatients().value().orElse(10);
            double h = (double) v / max * height;
            svg.append("<rect x=\"").append(fmt(i * bar + 1)).append("\" y=\"").append(fmt(height - h))
                    .append("\" width=\"").append(fmt(bar - 2)).append("\" height=\"").append(fmt(h)).append("\" class=\"")
                    .append(d.inpatients().shown() ? "bar" : "bar hidden").append("\"><title>")
                    .append(DAY.format(d.day())).append(' ').append(SafeHtml.text(Tiles.number(this, d.inpatients())))
                    .append("</title></rect>");
            if (i % 7 == 0) {
                svg.append("<text x=\"").append(fmt(i == 0 ? 0 : i * bar + bar / 2)).append("\" y=\"").append(height + 15)
                        .append(i == 0 ? "\" class=\"axis first\">" : "\" class=\"axis\">").append(DAY.format(d.day()))
                        .append("</text>");
            }
        }
        svg.append("</svg>");
        var table = new StringBuilder("<details><summary>").append(SafeHtml.text(getTranslation("insights.asTable")))
                .append("</summary><table class=\"tsunagu-table\"><tbody>");
        for (PublicFigures.Day d : days) {
            table.append("<tr><td>").append(DAY.format(d.day())).append("</td><td class=\"num\">")
                    .append(SafeHtml.text(Tiles.number(this, d.inpatients()))).append("</td><td class=\"num\">")
                    .append(Tiles.percent(d.occupancyPercent())).append("</td></tr>");
        }
        return svg + table.append("</tbody></table></details>").toString();
    }

    private String bedsTable(List<PublicFigures.Beds> rows, String nameKey, String titleKey) {
        var html = new StringBuilder(Tiles.scrollingTable(getTranslation(titleKey))).append("<thead><tr><th>")
                .append(SafeHtml.text(getTranslation(nameKey))).append("</th><th class=\"num\">")
                .append(SafeHtml.text(getTranslation("insights.beds.licensed"))).append("</th><th class=\"num\">")
                .append(SafeHtml.text(getTranslation("insights.beds.inpatients"))).append("</th><th class=\"num\">")
                .append(SafeHtml.text(getTranslation("insights.beds.occupancy"))).append("</th></tr></thead><tbody>");
        for (PublicFigures.Beds b : rows) {
            String name = b.name().isEmpty() ? getTranslation("research.unknownPrefecture") : b.name();
            if (nameKey.equals("insights.prefecture")) {
                name = b.prefecture().map(p -> "en".equals(getLocale().getLanguage()) ? p.englishName() : p.japaneseName())
                        .orElse(name);
            }
            html.append("<tr><td>").append(SafeHtml.text(name)).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%,d", b.licensedBeds())).append("</td><td class=\"num\">")
                    .append(SafeHtml.text(Tiles.number(this, b.inpatients()))).append("</td><td class=\"num\">")
                    .append(Tiles.percent(b.occupancyPercent())).append("</td></tr>");
        }
        return html.append("</tbody></table></div>").toString();
    }

    private String infectionTable(PublicFigures figures) {
        var html = new StringBuilder(Tiles.scrollingTable(getTranslation("insights.infections.title"))).append("<thead><tr><th>")
                .append(SafeHtml.text(getTranslation("insights.prefecture"))).append("</th>");
        figures.weeks().forEach(w -> html.append("<th class=\"num\">").append(DAY.format(w)).append("〜</th>"));
        html.append("</tr></thead><tbody>");
        for (PublicFigures.Infections row : figures.infections()) {
            html.append("<tr><td>").append(SafeHtml.text(row.prefecture().map(p -> "en".equals(getLocale().getLanguage())
                    ? p.englishName() : p.japaneseName()).orElse(getTranslation("research.unknownPrefecture"))))
                    .append("</td>");
            row.byWeek().forEach(r -> html.append("<td class=\"num\">").append(SafeHtml.text(Tiles.number(this, r)))
                    .append("</td>"));
            html.append("</tr>");
        }
        html.append("</tbody><tfoot><tr><th>").append(SafeHtml.text(getTranslation("research.total"))).append("</th>");
        figures.infectionTotal().forEach(t -> t.byWeek().forEach(r -> html.append("<td class=\"num\">")
                .append(SafeHtml.text(Tiles.number(this, r))).append("</td>")));
        return html.append("</tr></tfoot></table></div>").toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("insights.resources.title") + " — " + getTranslation("app.name");
    }
}
