package jp.tsunagu.insights.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import jp.tsunagu.shared.Prefecture;
import org.junit.jupiter.api.Test;

class PrefectureMapTest {

    @Test
    void everyTileLabel_namesOnePrefecture_inEitherLanguage() {
        assertThat(Arrays.stream(Prefecture.values()).map(p -> PrefectureMap.label(p, true)).distinct().toList())
                .hasSize(47).allSatisfy(label -> assertThat(label).hasSize(3));
        assertThat(Arrays.stream(Prefecture.values()).map(p -> PrefectureMap.label(p, false)).distinct().toList())
                .hasSize(47).contains("北海道", "東京", "大阪", "沖縄");
    }
}
