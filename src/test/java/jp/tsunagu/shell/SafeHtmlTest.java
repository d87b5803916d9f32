package jp.tsunagu.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeHtmlTest {

    @Test
    void textFromElsewhere_cannotOpenATagAnAttributeOrAnEntity() {
        String hostile = "<img src=x onerror=alert(1)>\" onclick=\"steal()' &amp; 病名";

        String html = new SafeHtml().span("tsunagu-item-title", hostile).toString();

        assertThat(html).isEqualTo("<span class=\"tsunagu-item-title\">&lt;img src=x onerror=alert(1)&gt;&quot; "
                + "onclick=&quot;steal()&#39; &amp;amp; 病名</span>");
        assertThat(html.chars().filter(c -> c == '<').count()).as("only the span's own two tags").isEqualTo(2);
    }

    @Test
    void groupsNest() {
        assertThat(new SafeHtml().open("top").span("a", "x").span("b", "y").end().span("c", "z").toString())
                .isEqualTo("<span class=\"top\"><span class=\"a\">x</span><span class=\"b\">y</span></span>"
                        + "<span class=\"c\">z</span>");
    }
}
