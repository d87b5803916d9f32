package jp.tsunagu.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class FirstPaintTest {

    @Test
    void theCopyIsInert_plainElementsWithoutIds_menuEntriesAsLinks_andNothingThatIsNotOnScreenAtFirst() {
        Element copy = Jsoup.parseBodyFragment("""
                <div id="copy">
                  <vaadin-horizontal-layout id="bar" theme="spacing"><vaadin-button id="switch">English</vaadin-button></vaadin-horizontal-layout>
                  <vaadin-side-nav slot="drawer"><vaadin-side-nav-item path="patient">マイページ</vaadin-side-nav-item></vaadin-side-nav>
                  <h1 id="title">佐藤 花子さん、こんにちは</h1>
                  <label for="title" onclick="steal()">名前</label><a href="javascript:steal()">x</a>
                  <vaadin-dialog><p>同意を取り消しますか</p></vaadin-dialog>
                  <vaadin-notification>保存しました</vaadin-notification>
                  <a id="more" router-link href="patient/consent">共有と同意</a>
                </div>""").getElementById("copy");

        FirstPaint.inert(copy);

        assertThat(copy.id()).as("the copy itself keeps its id, for its removal").isEqualTo("copy");
        assertThat(copy.select("[id]")).containsExactly(copy);
        assertThat(copy.select("*")).noneMatch(element -> element.tagName().contains("-"));
        assertThat(copy.select("[for], [onclick], [href^=javascript]")).isEmpty();
        assertThat(copy.select("div.fp-vaadin-button").text()).isEqualTo("English");
        assertThat(copy.select("div.fp-vaadin-horizontal-layout").attr("theme")).isEqualTo("spacing");
        assertThat(copy.text()).contains("佐藤 花子さん、こんにちは", "共有と同意", "マイページ")
                .doesNotContain("同意を取り消しますか", "保存しました");
        assertThat(copy.select("a.fp-vaadin-side-nav-item").attr("href")).isEqualTo("patient");
        assertThat(copy.select("a[href=patient/consent]")).hasSize(1);
        assertThat(copy.select("a")).allMatch(link -> link.hasAttr("router-ignore"), "a plain page load")
                .noneMatch(link -> link.hasAttr("router-link"));
    }

    @Test
    void theCopyHoldsOnlyWhatTheEngineWouldShow() {
        var view = new Div(new H1("共有と同意"));
        var hidden = new Span("異議を申し立てる");
        hidden.setVisible(false);
        view.add(hidden);
        view.add(new Html("<span>安全な <b>太字</b><script>steal()</script><img src=x onerror=steal()></span>"));
        var closed = new Details("ポータル患者ID", new Span("QR"));
        var open = new Details("くわしく", new Span("本文"));
        open.setOpened(true);
        view.add(closed, open);
        var select = new Select<String>();
        select.setItems("大阪北総合病院", "東京中央病院");
        view.add(select);
        Element copy = new Element("div");

        FirstPaint.write(copy, view.getElement());
        FirstPaint.inert(copy);

        assertThat(copy.text()).contains("共有と同意", "安全な 太字").doesNotContain("異議を申し立てる")
                .doesNotContain("大阪北総合病院", "東京中央病院");
        assertThat(copy.select("script, [onerror]")).isEmpty();
        assertThat(copy.select("details")).hasSize(2);
        assertThat(copy.select("details").get(0).hasAttr("open")).isFalse();
        assertThat(copy.select("details").get(0).child(0).tagName()).isEqualTo("summary");
        assertThat(copy.select("details").get(0).child(0).text()).isEqualTo("ポータル患者ID");
        assertThat(copy.select("details").get(1).hasAttr("open")).isTrue();
        assertThat(copy.select(".fp-vaadin-select")).hasSize(1);
        assertThat(copy.select(".fp-vaadin-select").first().childrenSize()).isZero();
    }

    @Test
    void theMenuIsGatheredIntoOneColumnAfterTheBar() {
        Element copy = Jsoup.parseBodyFragment("""
                <div id="copy"><div slot="navbar">つなぐ</div><nav slot="drawer">menu</nav><a slot="drawer">設定</a>
                <div class="tsunagu-frame">page</div></div>""").getElementById("copy");

        FirstPaint.gatherDrawer(copy);

        assertThat(copy.children()).extracting(Element::className).containsExactly("", "fp-drawer", "tsunagu-frame");
        assertThat(copy.child(1).text()).isEqualTo("menu 設定");
        assertThat(copy.select("[slot=drawer]")).isEmpty();
    }
}
