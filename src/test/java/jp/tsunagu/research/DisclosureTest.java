package jp.tsunagu.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class DisclosureTest {

    @Test
    void countsFromOneToTen_readTenOrFewer_zeroAndElevenAreShown() {
        assertThat(Released.of(0).value()).hasValue(0);
        for (int n = 1; n <= 10; n++) {
            assertThat(Released.of(n).shown()).as("%d", n).isFalse();
            assertThat(Released.of(n).token()).isEqualTo("<=10");
        }
        assertThat(Released.of(11).value()).hasValue(11);
    }

    @Test
    void aFigureReadBackFromTheLog_isTheFigureThatWasReleased() {
        for (Released r : new Released[] {Released.of(0), Released.of(7), Released.of(42),
                Released.hiddenToProtectOthers()}) {
            assertThat(Released.ofToken(r.token())).isEqualTo(r.shown() || r.complementary() ? r : Released.of(1));
        }
    }

    @Test
    void oneSmallCell_takesTheNextSmallestWithIt_soTheTotalCannotGiveItAway() {
        Disclosure.Table t = Disclosure.breakdown(60, List.of(3L, 12L, 45L, 0L));
        assertThat(t.total().value()).hasValue(60);
        assertThat(t.cells().get(0).shown()).isFalse();
        assertThat(t.cells().get(1).shown()).isFalse();
        assertThat(t.cells().get(2).value()).hasValue(45);
        assertThat(t.cells().get(3).value()).hasValue(0);
    }

    @Test
    void twoSmallCellsAddingUpToTenOrLess_areProtectedByAThird() {
        Disclosure.Table t = Disclosure.breakdown(70, List.of(3L, 4L, 20L, 43L));
        assertThat(t.cells().subList(0, 3)).allMatch(r -> !r.shown());
        assertThat(t.cells().get(3).value()).hasValue(43);
    }

    @Test
    void aSmallTotal_hidesEverythingButZeros() {
        Disclosure.Table t = Disclosure.breakdown(7, List.of(3L, 4L, 0L));
        assertThat(t.total().shown()).isFalse();
        assertThat(t.cells().get(0).shown()).isFalse();
        assertThat(t.cells().get(1).shown()).isFalse();
        assertThat(t.cells().get(2).value()).hasValue(0);
    }

    /** Property: on random tables no shown cell is 1–10, and the total minus the shown cells is 0 or ≥ 11. */
    @Test
    void randomTables_neverRevealOneToTen_bySubtraction() {
        Random random = new Random(17);
        for (int round = 0; round < 20_000; round++) {
            int n = 1 + random.nextInt(48);
            List<Long> cells = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int kind = random.nextInt(4);
                cells.add(kind == 0 ? 0L : kind == 1 ? 1L + random.nextInt(10) : (long) random.nextInt(200));
            }
            long total = cells.stream().mapToLong(Long::longValue).sum();
            Disclosure.Table t = Disclosure.breakdown(total, cells);
            long shown = 0;
            for (int i = 0; i < n; i++) {
                Released r = t.cells().get(i);
                if (r.shown()) {
                    assertThat(r.value().getAsLong()).isEqualTo(cells.get(i)).matches(v -> v == 0 || v > 10);
                    shown += r.value().getAsLong();
                }
            }
            if (t.total().shown()) {
                assertThat(t.total().value().getAsLong()).isEqualTo(total);
                assertThat(total - shown).as("round %d: %s", round, cells).matches(v -> v == 0 || v > 10);
                long hiddenCount = t.cells().stream().filter(r -> !r.shown()).count();
                assertThat(hiddenCount).as("round %d: %s", round, cells).isNotEqualTo(1);
            }
        }
    }

    @Test
    void aSponsorsBreakdown_hidesEmptyCellsLikeSmallOnes_andTheHiddenCellsTogetherAreElevenOrMore() {
        // Fifteen people, all in one prefecture: the one shown cell would say where they live.
        Disclosure.Table one = Disclosure.withoutShape(15, List.of(0L, 15L, 0L, 0L));
        assertThat(one.total().value()).hasValue(15);
        assertThat(one.cells()).allMatch(r -> !r.shown() && r.complementary());
        // An empty cell and a small one read alike.
        Disclosure.Table t = Disclosure.withoutShape(70, List.of(0L, 4L, 30L, 36L));
        assertThat(t.cells().get(0)).isEqualTo(t.cells().get(1));
        assertThat(t.cells().get(2).shown()).as("30 joins the hidden: 0 + 4 alone would be 4").isFalse();
        assertThat(t.cells().get(3).value()).hasValue(36);
        // Nothing small: every cell shown. A total of 0 reads like 1–10, every cell hidden.
        assertThat(Disclosure.withoutShape(50, List.of(20L, 30L)).cells()).allMatch(Released::shown);
        Disclosure.Table none = Disclosure.withoutShape(0, List.of(0L, 0L));
        assertThat(none.total().shown()).isFalse();
        assertThat(none.cells()).noneMatch(Released::shown);
    }

    /** Property: a sponsor's breakdown shows no cell of 0–10, and its hidden cells together are never 1–10. */
    @Test
    void randomSponsorBreakdowns_showNoEmptyOrSmallCell_andHideElevenOrMoreTogether() {
        Random random = new Random(23);
        for (int round = 0; round < 20_000; round++) {
            int n = 1 + random.nextInt(48);
            List<Long> cells = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int kind = random.nextInt(4);
                cells.add(kind == 0 ? 0L : kind == 1 ? 1L + random.nextInt(10) : (long) random.nextInt(200));
            }
            long total = cells.stream().mapToLong(Long::longValue).sum();
            Disclosure.Table t = Disclosure.withoutShape(total, cells);
            long hidden = 0;
            boolean anyHidden = false;
            for (int i = 0; i < n; i++) {
                Released r = t.cells().get(i);
                if (r.shown()) {
                    assertThat(r.value().getAsLong()).isEqualTo(cells.get(i));
                    assertThat(cells.get(i)).as("round %d: %s", round, cells).isGreaterThanOrEqualTo(11);
                } else {
                    assertThat(r.complementary()).as("every hidden cell reads the same").isTrue();
                    hidden += cells.get(i);
                    anyHidden = true;
                }
            }
            if (anyHidden && total > 10) {
                assertThat(hidden).as("round %d: %s", round, cells).isGreaterThanOrEqualTo(11);
            }
        }
    }
}
