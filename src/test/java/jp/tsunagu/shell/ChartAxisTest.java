package jp.tsunagu.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ChartAxisTest {

    private static final double NONE_LOW = Double.POSITIVE_INFINITY;
    private static final double NONE_HIGH = Double.NEGATIVE_INFINITY;

    @Test
    void ticksAreRoundNumbers_aroundTheValuesAndTheBand() {
        var axis = ChartAxis.of(List.of(5.6, 6.1, 7.3, 6.8), 4.6, 6.2);
        assertThat(axis.step()).isEqualTo(1.0);
        assertThat(axis.ticks()).containsExactly(4.0, 5.0, 6.0, 7.0, 8.0);
        assertThat(axis.min()).isLessThanOrEqualTo(4.6);
        assertThat(axis.max()).isGreaterThanOrEqualTo(7.3);
    }

    @Test
    void barsOfCounts_startAtZero_andEndOnTheRoundNumberAtOrAboveTheHighest() {
        assertThat(ChartAxis.forCounts(1234).ticks()).containsExactly(0.0, 500.0, 1000.0, 1500.0);
        assertThat(ChartAxis.forCounts(10).ticks()).containsExactly(0.0, 2.0, 4.0, 6.0, 8.0, 10.0);
        assertThat(ChartAxis.forCounts(3).ticks()).containsExactly(0.0, 1.0, 2.0, 3.0);
        assertThat(ChartAxis.forCounts(0).max()).isEqualTo(1.0);
        assertThat(ChartAxis.forCounts(37).max()).isEqualTo(40.0);
    }

    @Test
    void countsNeverGoBelowZero() {
        var axis = ChartAxis.of(List.of(0.02, 0.07, 0.3), 0.0, 0.14);
        assertThat(axis.min()).isEqualTo(0.0);
        assertThat(axis.ticks()).first().isEqualTo(0.0);
        assertThat(axis.ticks()).allSatisfy(t -> assertThat(Math.round(t / axis.step()) * axis.step()).isCloseTo(t,
                org.assertj.core.data.Offset.offset(1e-9)));
    }

    @Test
    void oneOldOutlier_isLeftOutOfTheRange_andDrawnAtTheEdge() {
        var values = List.of(0.05, 0.07, 0.1, 0.08, 0.06, 0.09, 15.2);
        var axis = ChartAxis.of(values, 0.0, 0.14);
        assertThat(axis.clamped()).containsExactly(15.2);
        assertThat(axis.max()).isLessThan(1.0);
        assertThat(axis.place(15.2)).isEqualTo(axis.max());
    }

    @Test
    void aValueJustBelowTheRest_isDrawnWhereItIs() {
        // 補体C3 of the demo: one old 38 under values of 60-88 and a band of 73-138 (seen in a screenshot,
        // where it was clamped at 40 with a label: more confusing than drawing it).
        var values = List.of(88.0, 86.0, 84.0, 81.0, 77.0, 74.0, 75.0, 69.0, 71.0, 73.0, 72.0, 67.0, 60.0, 70.0, 38.0);
        var axis = ChartAxis.of(values, 73.0, 138.0);
        assertThat(axis.clamped()).isEmpty();
        assertThat(axis.min()).isLessThanOrEqualTo(38.0);
    }

    @Test
    void twoFarValues_areARealChange_notAnOutlier() {
        var axis = ChartAxis.of(List.of(1.0, 1.1, 1.2, 1.0, 9.0, 9.5), NONE_LOW, NONE_HIGH);
        assertThat(axis.clamped()).isEmpty();
        assertThat(axis.max()).isGreaterThanOrEqualTo(9.5);
    }

    @Test
    void niceSteps() {
        assertThat(ChartAxis.niceStep(0.3)).isEqualTo(0.5);
        assertThat(ChartAxis.niceStep(2.2)).isEqualTo(2.5);
        assertThat(ChartAxis.niceStep(17)).isEqualTo(20);
        assertThat(ChartAxis.niceStep(100)).isEqualTo(100);
    }
}
