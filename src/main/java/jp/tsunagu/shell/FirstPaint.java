package jp.tsunagu.shell;

import java.util.Locale;
import java.util.Set;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.communication.IndexHtmlResponse;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Safelist;
import org.springframework.stereotype.Component;

/**
 * The page's content in the first HTML response, readable before the client engine has started
 * (ADR 0012). With {@code vaadin.eagerServerLoad} the server builds the UI and its view while it answers
 * the page request, so the layout and view that the client engine will show already exist: this writes
 * them into the page as plain HTML. The copy is made from the very components the view built — nothing is
 * read twice, nothing is written twice — and it holds only what the engine would show: a component made
 * invisible on the server is left out (Flow never sends its content either).
 *
 * <p>The copy is inert: web components become plain elements (so the browser never upgrades them when
 * their definitions load) with the component name as a class for the few layout rules the copy needs;
 * ids and references to ids go, so nothing addresses the copy instead of the live page; overlays (dialogs,
 * notifications, tooltips, menus) are left out; a form field keeps its place but not its choices, which live
 * in the engine; raw HTML that a component sets is cleaned to plain markup. The role menu becomes a column of
 * plain links, shown where the live drawer is open. The copy is removed in the same step in which the engine
 * shows the live page; if the engine never comes, the copy says so after a while.
 */
@Component
public class FirstPaint implements VaadinServiceInitListener {

    /** The copy's id: the style sheet and the removal address it (and tests that wait for the live page). */
    public static final String ID = "tsunagu-first-paint";
    /** How long the copy waits for the engine before it suggests a reload. */
    private static final int PATIENCE_MILLIS = 15_000;
    private static final String REMOVE_WHEN_LIVE = """
            (() => {
              const outlet = document.getElementById('outlet');
              if (!outlet) { return; }
              new MutationObserver((changes, observer) => {
                if (outlet.querySelector('vaadin-app-layout')) {
                  document.getElementById('%1$s')?.remove();
                  observer.disconnect();
                }
              }).observe(outlet, {childList: true, subtree: true});
              setTimeout(() => document.querySelector('#%1$s .tsunagu-first-paint-slow')?.removeAttribute('hidden'), %2$d);
            })();""".formatted(ID, PATIENCE_MILLIS);
    /** Components whose content is never on screen when a page opens. */
    private static final Set<String> LEFT_OUT = Set.of("vaadin-dialog", "vaadin-confirm-dialog",
            "vaadin-notification", "vaadin-popover", "vaadin-tooltip", "vaadin-context-menu", "vaadin-menu-bar",
            "script", "style", "template");
    /** Fields whose labels and choices are properties of the engine's components: copied empty. */
    private static final Set<String> FIELDS = Set.of("vaadin-select", "vaadin-combo-box",
            "vaadin-multi-select-combo-box", "vaadin-text-field", "vaadin-text-area", "vaadin-email-field",
            "vaadin-password-field", "vaadin-integer-field", "vaadin-number-field", "vaadin-big-decimal-field",
            "vaadin-date-picker", "vaadin-time-picker", "vaadin-date-time-picker", "vaadin-checkbox-group",
            "vaadin-radio-group", "vaadin-checkbox", "vaadin-upload", "vaadin-list-box", "vaadin-grid");
    /** Plain markup only (and what makes it accessible: a scroll box's tab stop and name), for the raw HTML a component sets (already escaped where the portal writes it). */
    private static final Safelist RAW_HTML = Safelist.relaxed().addAttributes(":all", "class", "lang",
            "title", "role", "tabindex", "aria-label", "aria-hidden");
    /** Elements that never belong in a copy, whatever put them there. */
    private static final String NEVER = "script, style, iframe, object, embed, base, link, meta";
    /** Attributes that point at ids the copy no longer has. */
    private static final Set<String> ID_REFERENCES = Set.of("for", "aria-labelledby", "aria-describedby",
            "aria-controls", "aria-owns", "aria-activedescendant", "list", "form");

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addIndexHtmlRequestListener(this::copyInto);
    }

    private void copyInto(IndexHtmlResponse response) {
        response.getUI().ifPresent(ui -> {
            var layout = ui.getChildren().filter(MainLayout.class::isInstance).map(MainLayout.class::cast).findFirst();
            if (layout.isEmpty()) {
                return;
            }
            Document page = response.getDocument();
            page.selectFirst("html").attr("lang", ui.getLocale().getLanguage());
            var copy = page.createElement("div").id(ID).addClass("tsunagu-first-paint").attr("aria-busy", "true");
            for (var part : layout.get().firstPaintParts()) {
                write(copy, part);
            }
            inert(copy);
            gatherDrawer(copy);
            copy.insertChildren(1, page.createElement("p").addClass("tsunagu-first-paint-slow").attr("hidden", "")
                    .attr("role", "status").text(ui.getTranslation("shell.firstPaint.slow")));
            page.body().prependChild(copy);
            // Removed in the browser the moment the engine puts the live layout into the outlet: a mutation
            // observer runs before the next paint, so the page is never shown twice. (A call queued on the UI
            // here would travel only with the engine's next round trip: the first message is already written.)
            page.body().appendElement("script").appendChild(new DataNode(REMOVE_WHEN_LIVE));
        });
    }

    /**
     * One server-side element as the browser would show it when the page opens: invisible components and
     * overlays are skipped, a field is written without its contents, a closed details element stays closed.
     */
    static void write(Element parent, com.vaadin.flow.dom.Element element) {
        if (element.isTextNode()) {
            parent.appendChild(new TextNode(element.getText()));
            return;
        }
        String tag = element.getTag().toLowerCase(Locale.ROOT);
        if (!element.isVisible() || LEFT_OUT.contains(tag)) {
            return;
        }
        Element copy = parent.appendElement(tag);
        element.getAttributeNames().forEach(name -> copy.attr(name, element.getAttribute(name)));
        if ("vaadin-details".equals(tag) && element.getProperty("opened", false)) {
            copy.attr("opened", "");
        }
        if (FIELDS.contains(tag)) {
            return;
        }
        String raw = element.getProperty("innerHTML");
        if (raw != null) {
            copy.append(Jsoup.clean(raw, RAW_HTML));
            return;
        }
        element.getChildren().forEach(child -> write(copy, child));
    }

    /** The menu's parts, in one column that the style sheet shows beside the page where the live drawer is too. */
    static void gatherDrawer(Element copy) {
        var parts = copy.select("> [slot=drawer]");
        if (!parts.isEmpty()) {
            var drawer = new Element("div").addClass("fp-drawer");
            parts.forEach(part -> drawer.appendChild(part.removeAttr("slot")));
            copy.insertChildren(1, drawer);
        }
    }

    /**
     * Plain elements only: no ids or references to them, no web components, no scripts or handlers, nothing
     * that is not on screen at first; menu entries as links, details as the browser's own details element.
     */
    static void inert(Element copy) {
        copy.select(NEVER).remove();
        for (Element element : copy.select("*")) {
            if (element == copy) {
                continue;
            }
            String tag = element.tagName().toLowerCase(Locale.ROOT);
            if (LEFT_OUT.contains(tag)) {
                element.remove();
                continue;
            }
            element.removeAttr("id");
            for (Attribute attribute : element.attributes().asList()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                String value = attribute.getValue().trim().toLowerCase(Locale.ROOT);
                if (name.startsWith("on") || ID_REFERENCES.contains(name) || value.startsWith("javascript:")) {
                    element.removeAttr(attribute.getKey());
                }
            }
            if ("vaadin-side-nav-item".equals(tag) && element.hasAttr("path")) {
                element.tagName("a").attr("href", element.attr("path")).addClass("fp-" + tag);
            }
            if ("a".equals(element.tagName())) {
                // A plain page load: the client router, once its script runs, would otherwise take the click and
                // hand it to an engine that is not there yet, and the tap would be lost.
                element.removeAttr("router-link").attr("router-ignore", "");
            } else if ("vaadin-details".equals(tag)) {
                element.tagName("details").addClass("fp-" + tag);
                if (element.hasAttr("opened")) {
                    element.removeAttr("opened").attr("open", "");
                }
            } else if ("summary".equals(element.attr("slot")) && element.parent() != null
                    && element.parent().hasClass("fp-vaadin-details")) {
                element.tagName("summary").addClass("fp-" + tag);
                element.parent().prependChild(element); // the browser takes only a first child as the summary
            } else if (tag.contains("-")) {
                element.tagName("div").addClass("fp-" + tag);
            }
        }
    }
}
