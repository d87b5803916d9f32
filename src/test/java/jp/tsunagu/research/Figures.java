package jp.tsunagu.research;

import static org.assertj.core.api.Assertions.assertThat;

import jp.tsunagu.research.release.Perturbation;

/** What a released figure of a known true size may read: 0 as 0, 1–10 never shown, else the truth ±3 (≥ 11). */
final class Figures {

    private Figures() {
    }

    static void assertReleased(Released figure, long truth) {
        if (truth == 0) {
            assertThat(figure.value()).hasValue(0);
        } else if (truth < Released.SMALLEST_SHOWN) {
            assertThat(figure.shown()).as("%d people read '10 or fewer'", truth).isFalse();
        } else {
            assertThat(figure.value()).as("%d people are shown", truth).isPresent();
            assertThat(figure.value().getAsLong()).as("%d people, adjusted", truth)
                    .isBetween(Math.max(Released.SMALLEST_SHOWN, truth - Perturbation.SPREAD),
                            truth + Perturbation.SPREAD);
        }
    }
}
