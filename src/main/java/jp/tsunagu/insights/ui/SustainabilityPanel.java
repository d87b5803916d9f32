package jp.tsunagu.insights.ui;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import jp.tsunagu.insights.PublicFigures;
import jp.tsunagu.shell.SafeHtml;

/** Duplicates month by month, and the estimated cost with its assumptions written out. */
final class SustainabilityPanel extends Div {

    /** Months as the rest of the portal writes dates: 2026/12. */
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy/MM", Locale.ROOT);

    SustainabilityPanel(PublicFigures figures) {
        setId("sustainability");
        add(new H2(getTranslation("insights.duplicates.title")), new Paragraph(getTranslation("insights.duplicates.text")));
        var html = new StringBuilder(Tiles.scrollingTable(getTranslation("insights.duplicates.title"))).append("<thead><tr><th>")
                .append(SafeHtml.text(getTranslation("insights.month"))).append("</th><th class=\"num\">")
                .append(SafeHtml.text(getTranslation("insights.duplicates.prescriptions"))).append("</th><th class=\"num\">")
                .append(SafeHtml.text(getTranslation("insights.duplicates.tests"))).append("</th></tr></thead><tbody>");
        for (PublicFigures.Month m : figures.duplicates()) {
            html.append("<tr><td>").append(MONTH.format(m.month())).append("</td><td class=\"num\">")
                    .append(SafeHtml.text(Tiles.number(this, m.prescriptions(), Tiles.Unit.CASES))).append("</td><td class=\"num\">")
                    .append(SafeHtml.text(Tiles.number(this, m.tests(), Tiles.Unit.CASES))).append("</td></tr>");
        }
        html.append("</tbody></table></div>");
        var table = new Div();
        table.getElement().setProperty("innerHTML", html.toString());
        add(table);

        PublicFigures.Cost cost = figures.cost();
        var estimate = new Paragraph(cost.estimateYen().isPresent()
                ? getTranslation("insights.cost.estimate", String.format(Locale.ROOT, "%,d", cost.estimateYen().getAsLong()))
                : getTranslation("insights.cost.hidden"));
        estimate.setId("sustainability-cost");
        estimate.addClassName("insights-estimate");
        var assumptions = new Paragraph(getTranslation("insights.cost.assumptions",
                String.format(Locale.ROOT, "%,d", cost.yenPerPrescription()),
                String.format(Locale.ROOT, "%,d", cost.yenPerTest())));
        assumptions.addClassName("tsunagu-note");
        add(new H2(getTranslation("insights.cost.title")), estimate, assumptions);
    }
}
