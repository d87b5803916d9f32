package jp.tsunagu.shell;

/**
 * Markup built on the server from text that came from elsewhere (a hospital's diagnosis name, a
 * patient's note). Every piece of text goes through {@link #text}; only the tags written here are tags.
 * Used where one element with a few inline spans replaces a tree of components: a list row as one
 * state node instead of eight keeps a phone user's UI small on the server.
 */
public final class SafeHtml {

    private final StringBuilder html = new StringBuilder();

    /** Appends {@code <span class="cssClass">text</span>}; the text is escaped. */
    public SafeHtml span(String cssClass, String text) {
        html.append("<span class=\"").append(text(cssClass)).append("\">").append(text(text)).append("</span>");
        return this;
    }

    /** Opens a {@code <span class="cssClass">} to group what follows; close it with {@link #end()}. */
    public SafeHtml open(String cssClass) {
        html.append("<span class=\"").append(text(cssClass)).append("\">");
        return this;
    }

    public SafeHtml end() {
        html.append("</span>");
        return this;
    }

    @Override
    public String toString() {
        return html.toString();
    }

    /** The text as HTML that shows exactly that text: no tag, entity or attribute can come through. */
    public static String text(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
