package jp.tsunagu.shell;

import static org.assertj.core.api.Assertions.assertThat;

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
                  <vaadin-dialog><p>同意を取り消しますか</p></vaadin-dialog>
                  <vaadin-notification>保存しました</vaadin-notification>
                  <a id="more" href="patient/consent">共有と同意</a>
                </div>""").getElementById("copy");

        FirstPaint.inert(copy);

        assertThat(copy.id()).as("the copy itself keeps its id, for its removal").isEqualTo("copy");
        assertThat(copy.select("[id]")).containsExactly(copy);
        assertThat(copy.select("*")).noneMatch(element -> element.tagName().contains("-"));
        assertThat(copy.select("div.fp-vaadin-button").text()).isEqualTo("English");
        assertThat(copy.select("div.fp-vaadin-horizontal-layout").attr("theme")).isEqualTo("spacing");
        assertThat(copy.text()).contains("佐藤 花子さん、こんにちは", "共有と同意", "マイページ")
                .doesNotContain("同意を取り消しますか", "保存しました");
        assertThat(copy.select("a.fp-vaadin-side-nav-item").attr("href")).isEqualTo("patient");
        assertThat(copy.select("a:not(.fp-vaadin-side-nav-item)").attr("href")).isEqualTo("patient/consent");
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
