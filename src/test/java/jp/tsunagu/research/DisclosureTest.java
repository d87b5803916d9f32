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
}
