package jp.tsunagu.research.ui;

import com.vaadin.flow.component.Component;
import jp.tsunagu.research.Released;

/** A released figure as every research screen writes it: "12 人", "10人以下", or "秘匿" (hidden to protect another). */
final class Figures {

    private Figures() {
    }

    static String of(Component reader, Released released) {
        return released.value().isPresent() ? reader.getTranslation("research.people", released.value().getAsLong())
                : released.complementary() ? reader.getTranslation("research.hidden")
                : reader.getTranslation("research.tenOrFewer");
    }
}
