package jp.tsunagu.insights.ui;

import java.util.Locale;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import jp.tsunagu.research.Released;
import jp.tsunagu.shell.SafeHtml;

/** Live figures as tiles: the number big, what it counts under it; "10人以下" or "秘匿" where protected. */
final class Tiles {

    private Tiles() {
    }

    static Div of(String id) {
        var tiles = new Div();
        tiles.setId(id);
        tiles.addClassName("insights-tiles");
        return tiles;
    }

    static Div tile(Component reader, String key, Released figure) {
        var tile = new Div();
        tile.addClassName("insights-tile");
        tile.getElement().setAttribute("data-figure", key);
        tile.getElement().setProperty("innerHTML", new SafeHtml()
                .span("insights-number", number(reader, figure))
                .span("insights-label", reader.getTranslation("insights.figure." + key)).toString());
        return tile;
    }

    /** "1,234", "10人以下" or "秘匿". */
    static String number(Component reader, Released figure) {
        return figure.value().isPresent() ? String.format(Locale.ROOT, "%,d", figure.value().getAsLong())
                : figure.complementary() ? reader.getTranslation("research.hidden")
                : reader.getTranslation("research.tenOrFewer");
    }

    static String percent(java.util.OptionalDouble share) {
        return share.isPresent() ? String.format(Locale.ROOT, "%.1f %%", share.getAsDouble()) : "—";
    }

    /**
     * Opens a table that scrolls sideways in its own box when a phone is too narrow for it. The box
     * takes keyboard focus and is named after the table, so that people without a pointer can scroll
     * it too (WCAG 2.1.1; axe-core's scrollable-region-focusable). Close with {@code </table></div>}.
     */
    static String scrollingTable(String name) {
        return "<div class=\"insights-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"" + SafeHtml.text(name)
                + "\"><table class=\"tsunagu-table\">";
    }
}
