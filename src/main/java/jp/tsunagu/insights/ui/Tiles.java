package jp.tsunagu.insights.ui;

import java.util.Locale;
import java.util.Map;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import jp.tsunagu.insights.PublicFigures;
import jp.tsunagu.research.Released;
import jp.tsunagu.shell.SafeHtml;

/**
 * Live figures as tiles: the number big with its unit (人, 件, 床), what it counts under it, and out of how many
 * where the page has the whole; "10人以下" (or "10件以下" for things) or "秘匿" where protected.
 */
final class Tiles {

    /** What a figure counts. "10人以下" is said only of people; documents, tests and invitations are 件. */
    enum Unit {
        PEOPLE, CASES, BEDS
    }

    /** The figures that count things or beds; every other figure counts people. */
    private static final Map<String, Unit> UNITS = Map.of(
            "quality.documents", Unit.CASES, "innovation.queriesAnswered", Unit.CASES,
            "innovation.invitationsSent", Unit.CASES, "innovation.invitationsAccepted", Unit.CASES,
            "resources.licensedBeds", Unit.BEDS, "resources.positivesLastWeek", Unit.CASES,
            "sustainability.duplicatePrescriptions", Unit.CASES, "sustainability.duplicateTests", Unit.CASES);

    /** A figure's whole, where the portal counts one: shown as "1,234 人中" under the figure. */
    private static final Map<String, String> OUT_OF = Map.of(
            "quality.allergiesShared", "quality.allergyPatients",
            "innovation.invitationsAccepted", "innovation.invitationsSent");

    private Tiles() {
    }

    static Div of(String id) {
        var tiles = new Div();
        tiles.setId(id);
        tiles.addClassName("insights-tiles");
        return tiles;
    }

    static Div tile(Component reader, String key, PublicFigures figures) {
        Released figure = figures.figure(key);
        Unit unit = UNITS.getOrDefault(key, Unit.PEOPLE);
        var tile = new Div();
        tile.addClassName("insights-tile");
        tile.getElement().setAttribute("data-figure", key);
        var html = new SafeHtml().open("insights-number").span("insights-value", number(reader, figure, unit));
        if (figure.shown()) {
            html.span("insights-unit", reader.getTranslation("insights.unit." + unit));
        }
        html.end().span("insights-label", reader.getTranslation("insights.figure." + key));
        String whole = OUT_OF.get(key);
        Released of = whole == null ? null : figures.figure(whole);
        if (of != null && figure.shown() && of.shown() && of.value().getAsLong() > 0) { // "0件のうち" says nothing
            Unit wholeUnit = UNITS.getOrDefault(whole, Unit.PEOPLE);
            html.span("insights-whole", reader.getTranslation("insights.outOf",
                    withUnit(reader, of, wholeUnit), reader.getTranslation("insights.figure." + whole)));
        }
        tile.getElement().setProperty("innerHTML", html.toString());
        return tile;
    }

    /** "1,234", "10人以下" (people), "10件以下" (things) or "秘匿"; the unit of a shown number goes beside it. */
    static String number(Component reader, Released figure, Unit unit) {
        return figure.value().isPresent() ? String.format(Locale.ROOT, "%,d", figure.value().getAsLong())
                : figure.complementary() ? reader.getTranslation("research.hidden")
                : reader.getTranslation("insights.fewer." + unit);
    }

    /** A number with its unit in running text and tables: "1,234 人", "10人以下", "秘匿". */
    static String withUnit(Component reader, Released figure, Unit unit) {
        String number = number(reader, figure, unit);
        return figure.shown() ? reader.getTranslation("insights.withUnit." + unit, number) : number;
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
