package jp.tsunagu.shell;

import java.util.Locale;
import java.util.Set;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.communication.IndexHtmlResponse;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.springframework.stereotype.Component;

/**
 * The page's content in the first HTML response, readable before the client engine has started
 * (ADR 0012). With {@code vaadin.eagerServerLoad} the server builds the UI and its view while it answers
 * the page request, so the layout and view that the client engine will show already exist: this copies
 * their DOM into the page as plain HTML. The copy is made from the very components the view built —
 * nothing is read twice, nothing is written twice, and it carries no more than the engine's own first
 * message in the same response. It is removed in the same step in which the engine shows the live page.
 * Only pages in the portal's layout get a copy; every view is in it.
 *
 * <p>The copy is inert: web components become plain elements (so the browser never upgrades them when
 * their definitions load) with the component name as a class for the few layout rules the copy needs;
 * ids go, so nothing addresses the copy instead of the live page; overlays (dialogs, notifications,
 * tooltips, menus) are left out because they are not visible on a first view; the role menu becomes a column
 * of plain links, shown where the live drawer would be open.
 */
@Component
class FirstPaint implements VaadinServiceInitListener {

    /** The copy's id: the style sheet and the removal address it. */
    static final String ID = "tsunagu-first-paint";
    private static final String REMOVE_WHEN_LIVE = """
            (() => {
              const outlet = document.getElementById('outlet');
              if (!outlet) { return; }
              new MutationObserver((changes, observer) => {
                if (outlet.querySelector('vaadin-app-layout')) {
                  document.getElementById('%s')?.remove();
                  observer.disconnect();
                }
              }).observe(outlet, {childList: true, subtree: true});
            })();""".formatted(ID);
    /** Components whose content is never on screen when a page opens. */
    private static final Set<String> LEFT_OUT = Set.of("vaadin-dialog", "vaadin-confirm-dialog",
            "vaadin-notification", "vaadin-popover", "vaadin-tooltip", "vaadin-context-menu", "vaadin-menu-bar");

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
            var copy = page.createElement("div").id(ID).addClass("tsunagu-first-paint");
            for (var part : layout.get().firstPaintParts()) {
                copy.append(part.getOuterHTML());
            }
            inert(copy);
            gatherDrawer(copy);
            page.body().prependChild(copy);
            // Removed in the browser the moment the engine puts the live layout into the outlet: a mutation
            // observer runs before the next paint, so the page is never shown twice. (A call queued on the UI
            // here would travel only with the engine's next round trip: the first message is already written.)
            page.body().appendElement("script").appendChild(new DataNode(REMOVE_WHEN_LIVE));
        });
    }

    /** The menu's parts, in one column that the style sheet shows beside the page where the live drawer is too. */
    static void gatherDrawer(Element copy) {
        var parts = copy.select("> [slot=drawer]");
        if (!parts.isEmpty()) {
            var drawer = copy.ownerDocument() == null ? new Element("div") : copy.ownerDocument().createElement("div");
            drawer.addClass("fp-drawer");
            parts.forEach(part -> drawer.appendChild(part.removeAttr("slot")));
            copy.insertChildren(1, drawer);
        }
    }

    /** Plain elements only: no ids, no web components, nothing that is not on screen at first; menu entries as links. */
    static void inert(Element copy) {
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
            if ("vaadin-side-nav-item".equals(tag) && element.hasAttr("path")) {
                element.tagName("a").attr("href", element.attr("path")).addClass("fp-" + tag);
            } else if (tag.contains("-")) {
                element.tagName("div").addClass("fp-" + tag);
            }
        }
    }
}
