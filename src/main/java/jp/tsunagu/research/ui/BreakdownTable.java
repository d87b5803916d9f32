package jp.tsunagu.research.ui;

import java.util.Map;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import jp.tsunagu.research.Cohorts;
import jp.tsunagu.research.Dimension;
import jp.tsunagu.research.Released;
import jp.tsunagu.shared.Prefecture;
import jp.tsunagu.shell.SafeHtml;

/** A breakdown as a table: each cell a number, 0, or 秘匿; the total; the legend that says why. */
final class BreakdownTable extends Div {

    BreakdownTable(Cohorts.Breakdown breakdown) {
        setId("cohort-breakdown-table");
        addClassName("cohort-breakdown");
        var html = new StringBuilder("<table class=\"tsunagu-table\"><thead><tr><th>")
                .append(SafeHtml.text(getTranslation("research.dimension." + breakdown.dimension().name())))
                .append("</th><th>").append(SafeHtml.text(getTranslation("research.patients")))
                .append("</th></tr></thead><tbody>");
        // Every category is listed, empty ones as 秘匿 like small ones: which rows exist must say nothing.
        for (Map.Entry<String, Released> cell : breakdown.cells().entrySet()) {
            // A cell that reads as an earlier figure (its people within 10 of that one's) is marked.
            String mark = breakdown.cellsSameAsEarlier().contains(cell.getKey()) ? " ＊" : "";
            html.append("<tr><td>").append(SafeHtml.text(label(breakdown.dimension(), cell.getKey())))
                    .append("</td><td class=\"num\">").append(SafeHtml.text(figure(cell.getValue()) + mark))
                    .append("</td></tr>");
        }
        html.append("</tbody><tfoot><tr><th>").append(SafeHtml.text(getTranslation("research.total")))
                .append("</th><td class=\"num\">").append(SafeHtml.text(figure(breakdown.total())))
                .append("</td></tr></tfoot></table>");
        var table = new Div();
        table.getElement().setProperty("innerHTML", html.toString());
        add(table, new Paragraph(getTranslation(breakdown.cells().isEmpty() && !breakdown.total().shown()
                ? "research.breakdown.tooSmall" : "research.hiddenLegend")));
        if (!breakdown.cellsSameAsEarlier().isEmpty() || breakdown.sameAs().isPresent()) {
            add(new Paragraph(getTranslation("research.sameAs.cells")));
        }
    }

    private String label(Dimension dimension, String key) {
        return switch (dimension) {
            case PREFECTURE -> Prefecture.ofCode(key).map(p -> CriteriaText.prefecture(this, p))
                    .orElse(getTranslation("research.unknownPrefecture"));
            case SEX -> getTranslation("research.sex." + key);
            case AGE_BAND -> "90".equals(key) ? getTranslation("research.ageBandOldest")
                    : getTranslation("research.ageBand", key, Integer.parseInt(key) + 9);
        };
    }

    private String figure(Released released) {
        return released.value().isPresent() ? String.format("%,d", released.value().getAsLong())
                : released.complementary() ? getTranslation("research.hidden") : getTranslation("research.tenOrFewer");
    }
}
