package jp.tsunagu.shell;

import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/**
 * The common frame of the role homes: a greeting, one line on what the page is for, and a grid of
 * cards (one column on a phone).
 */
public abstract class HomePage extends VerticalLayout {

    private final H1 heading = new H1();
    private final Paragraph intro = new Paragraph();
    private final Div cards = new Div();

    protected HomePage() {
        addClassName("tsunagu-page");
        heading.addClassName("tsunagu-page-title");
        intro.addClassName("tsunagu-lead");
        cards.addClassName("tsunagu-cards");
        add(heading, intro, cards);
    }

    protected void setHeading(String text) {
        heading.setText(text);
    }

    protected void setIntro(String text) {
        intro.setText(text);
    }

    /**
     * Adds a card titled {@code key.title} with the text {@code key.text} from the bundle; its DOM id
     * is the key with dashes ({@code patient.labs} becomes {@code patient-labs}).
     */
    protected Card addCard(String key) {
        var card = new Card();
        card.setId(key.replace('.', '-'));
        card.setTitle(new H2(getTranslation(key + ".title")));
        card.add(new Paragraph(getTranslation(key + ".text")));
        cards.add(card);
        return card;
    }
}
