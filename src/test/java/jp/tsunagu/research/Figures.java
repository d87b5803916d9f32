package jp.tsunagu.research;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a figure a sponsor is given, of a known true size, may read: 0–10 never shown ("10 or fewer"; an exact 0
 * would tell that a known person is not in), else the truth with its
 * adjustment (never below 11). The adjustment has no bound; {@value #TOLERANCE} either way is exceeded about once in
 * ten million figures (P(|k| > 30) ≈ 2 × 0.6^31 / 1.6), so a figure further off is a wrong count, not bad luck.
 * Where a test knows the exact people, it compares with the exact adjusted figure instead.
 */
final class Figures {

    static final int TOLERANCE = 30;

    private Figures() {
    }

    static void assertReleased(Released figure, long truth) {
        if (truth < Released.SMALLEST_SHOWN) {
            assertThat(figure.shown()).as("%d people read '10 or fewer'", truth).isFalse();
        } else {
            assertThat(figure.value()).as("%d people are shown", truth).isPresent();
            assertThat(figure.value().getAsLong()).as("%d people, adjusted", truth)
                    .isBetween(Math.max(Released.SMALLEST_SHOWN, truth - TOLERANCE), truth + TOLERANCE);
        }
    }
}
