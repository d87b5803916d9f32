package jp.tsunagu.record;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import jp.tsunagu.record.PhrEntry.PhrType;
import jp.tsunagu.shell.TrendChart;
import jp.tsunagu.shell.TrendChart.Band;
import jp.tsunagu.shell.TrendChart.Point;
import jp.tsunagu.shell.TrendChart.Series;

/** The record's numbers as trend charts: one test over the years, one kind of measurement over weeks. */
public final class Trends {

    private Trends() {
    }

    /** Every result of the same test as {@code lab}, with the newest reference range as the band. */
    public static Optional<TrendChart> lab(LabResult lab, List<? extends ItemContent> contents) {
        String key = LabNames.seriesKey(lab);
        List<LabResult> series = contents.stream().filter(LabResult.class::isInstance)
                .map(LabResult.class::cast).filter(l -> LabNames.seriesKey(l).equals(key))
                .filter(l -> l.value().isPresent() && l.effectiveAt().isPresent()).toList();
        if (series.isEmpty()) {
            return Optional.empty();
        }
        List<Point> points = series.stream().map(l -> new Point(l.effectiveAt().orElseThrow(),
                l.value().orElseThrow().doubleValue(), l.outOfRange().orElse(false))).toList();
        Optional<Band> band = lab.referenceLow().isPresent() || lab.referenceHigh().isPresent()
                ? Optional.of(new Band(lab.referenceLow().map(BigDecimal::doubleValue),
                        lab.referenceHigh().map(BigDecimal::doubleValue)))
                : Optional.empty();
        String name = LabNames.japanese(lab);
        return Optional.of(new TrendChart(ItemTexts.t("record.lab.trend", name), lab.unit().orElse(""),
                List.of(new Series(name, points)), band, ItemTexts.t("record.table.date"),
                ItemTexts.t("record.lab.outOfRange")));
    }

    /**
     * The patient's own entries of one kind. Blood pressure draws both values and marks readings at or
     * above the home-measurement threshold of the Japanese hypertension guideline (JSH 2019: 135/85 mmHg
     * at home); a band would mislead here, because one band cannot serve both lines.
     */
    public static Optional<TrendChart> measurements(PhrType type, List<PhrEntry> entries) {
        List<PhrEntry> numeric = entries.stream().filter(e -> e.type() == type && e.value1().isPresent()).toList();
        if (numeric.isEmpty()) {
            return Optional.empty();
        }
        String unit = Measurements.rule(type).unit().orElse("");
        List<Series> series;
        if (type == PhrType.BLOOD_PRESSURE) {
            series = List.of(
                    new Series(ItemTexts.t("phr.systolic"), points(numeric, true, 135)),
                    new Series(ItemTexts.t("phr.diastolic"), points(numeric, false, 85)));
        } else {
            series = List.of(new Series(ItemTexts.t("phr.type." + type.name()), points(numeric, true, Double.NaN)));
        }
        return Optional.of(new TrendChart(ItemTexts.t("phr.trend", ItemTexts.t("phr.type." + type.name())), unit,
                series, Optional.empty(), ItemTexts.t("record.table.date"), ItemTexts.t("phr.aboveTarget")));
    }

    private static List<Point> points(List<PhrEntry> entries, boolean first, double above) {
        return entries.stream().filter(e -> (first ? e.value1() : e.value2()).isPresent())
                .map(e -> {
                    double value = (first ? e.value1() : e.value2()).orElseThrow().doubleValue();
                    return new Point(e.measuredAt(), value, !Double.isNaN(above) && value >= above);
                }).toList();
    }
}
