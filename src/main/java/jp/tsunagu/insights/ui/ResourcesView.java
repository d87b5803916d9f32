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
import jp.tsunagu.shell.ChartAxis;
import jp.tsunagu.shell.SafeHtml;

/**
 * The resource dashboard (the G-MIS problem): beds in use now by prefecture and hospital, the national trend
 * over 30 days, positive infection tests per week by prefecture, all counted from routine records.
 */
@Route("insights/resources")
@AnonymousAllowed
class ResourcesView extends VerticalLayout implements HasDynamicTitle {

    /** Axis ticks only: the year is in the table under the chart, where every date is written in full. */
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("MM/dd", Locale.ROOT);

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
            tiles.add(Tiles.tile(this, key, figures));
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

    /**
     * Bars of inpatients per day over a y-axis of round numbers, the latest day's figure written beside its bar;
     * a protected day is an outlined bar at the height of ten. The same figures follow as a table.
     */
    private String trendChart(List<PublicFigures.Day> days) {
        long highest = days.stream().mapToLong(d -> d.inpatients().value().orElse(10)).max().orElse(10);
        ChartAxis axis = ChartAxis.forCounts(Math.max(10, highest));
        // Drawn for a phone's width: one unit is about one CSS pixel at 390 px, so 12 units read as 12 px text.
        int left = 44;
        int right = 10;
        int top = 18;
        int height = 150;
        int width = 380;
        double bar = (double) (width - left - right) / Math.max(1, days.size());
        var svg = new StringBuilder("<svg class=\"insights-chart\" viewBox=\"0 0 ").append(width).append(' ')
                .append(top + height + 22).append("\" role=\"img\" aria-label=\"")
                .append(SafeHtml.text(getTranslation("insights.trend.title"))).append("\">");
        for (double tick : axis.ticks()) {
            double y = top + height - tick / axis.max() * height;
            svg.append("<line class=\"grid\" x1=\"").append(left).append("\" x2=\"").append(width - right)
                    .append("\" y1=\"").append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\"/>")
                    .append("<text class=\"axis y\" x=\"").append(left - 4).append("\" y=\"").append(fmt(y + 4))
                    .append("\">").append(String.format(Locale.ROOT, "%,d", Math.round(tick))).append("</text>");
        }
        for (int i = 0; i < days.size(); i++) {
            PublicFigures.Day d = days.get(i);
            long v = d.inpatients().value().orElse(10);
            double h = v / axis.max() * height;
            double x = left + i * bar;
            svg.append("<rect x=\"").append(fmt(x + 1)).append("\" y=\"").append(fmt(top + height - h))
                    .append("\" width=\"").append(fmt(Math.max(1, bar - 2))).append("\" height=\"").append(fmt(h))
                    .append("\" class=\"").append(d.inpatients().shown() ? "bar" : "bar hidden").append("\"><title>")
                    .append(JapanTime.day(d.day())).append(' ')
                    .append(SafeHtml.text(Tiles.number(this, d.inpatients(), Tiles.Unit.PEOPLE))).append("</title></rect>");
            if (i % 7 == 0) {
                svg.append("<text x=\"").append(fmt(x + bar / 2)).append("\" y=\"").append(top + height + 16)
                        .append("\" class=\"axis\">").append(SHORT_DAY.format(d.day())).append("</text>");
            }
        }
        if (!days.isEmpty()) {
            PublicFigures.Day last = days.getLast();
            double h = last.inpatients().value().orElse(10) / axis.max() * height;
            svg.append("<text class=\"latest\" x=\"").append(width - right).append("\" y=\"")
                    .append(fmt(Math.max(12, top + height - h - 5))).append("\">")
                    .append(SafeHtml.text(Tiles.withUnit(this, last.inpatients(), Tiles.Unit.PEOPLE))).append("</text>");
        }
        svg.append("</svg>");
        var table = new StringBuilder("<details><summary>").append(SafeHtml.text(getTranslation("insights.asTable")))
                .append("</summary><table class=\"tsunagu-table\"><thead><tr><th>")
                .append(SafeHtml.text(getTranslation("insights.day"))).append("</th><th class=\"num\">")
                .append(SafeHtml.text(getTranslation("insights.beds.inpatients"))).append("</th><th class=\"num\">")
                .append(SafeHtml.text(getTranslation("insights.beds.occupancy"))).append("</th></tr></thead><tbody>");
        for (PublicFigures.Day d : days) {
            table.append("<tr><td>").append(JapanTime.day(d.day())).append("</td><td class=\"num\">")
                    .append(SafeHtml.text(Tiles.number(this, d.inpatients(), Tiles.Unit.PEOPLE))).append("</td><td class=\"num\">")
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
                    .append(SafeHtml.text(Tiles.number(this, b.inpatients(), Tiles.Unit.PEOPLE))).append("</td><td class=\"num\">")
                    .append(Tiles.percent(b.occupancyPercent())).append("</td></tr>");
        }
        return html.append("</tbody></table></div>").toString();
    }

    private String infectionTable(PublicFigures figures) {
        var html = new StringBuilder(Tiles.scrollingTable(getTranslation("insights.infections.title"))).append("<thead><tr><th>")
                .append(SafeHtml.text(getTranslation("insights.prefecture"))).append("</th>");
        figures.weeks().forEach(w -> html.append("<th class=\"num date\">").append(JapanTime.day(w)).append("〜</th>"));
        html.append("</tr></thead><tbody>");
        for (PublicFigures.Infections row : figures.infections()) {
            html.append("<tr><td>").append(SafeHtml.text(row.prefecture().map(p -> "en".equals(getLocale().getLanguage())
                    ? p.englishName() : p.japaneseName()).orElse(getTranslation("research.unknownPrefecture"))))
                    .append("</td>");
            row.byWeek().forEach(r -> html.append("<td class=\"num\">").append(SafeHtml.text(Tiles.number(this, r, Tiles.Unit.CASES)))
                    .append("</td>"));
            html.append("</tr>");
        }
        html.append("</tbody><tfoot><tr><th>").append(SafeHtml.text(getTranslation("research.total"))).append("</th>");
        figures.infectionTotal().forEach(t -> t.byWeek().forEach(r -> html.append("<td class=\"num\">")
                .append(SafeHtml.text(Tiles.number(this, r, Tiles.Unit.CASES))).append("</td>")));
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
