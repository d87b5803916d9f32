package jp.tsunagu.shell;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.vaadin.flow.component.Svg;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Span;
import jp.tsunagu.shared.JapanTime;

/**
 * A trend over time drawn on the server as SVG (no script, no chart library, a few kilobytes per
 * chart), with the reference range as a band, followed by the same numbers as a table for screen
 * readers and for anyone who prefers figures. Values outside the range are drawn in the alert colour
 * and marked in the table.
 */
public class TrendChart extends Div {

    private static final int WIDTH = 360;
    private static final int HEIGHT = 200;
    private static final int LEFT = 44;
    private static final int RIGHT = 12;
    private static final int TOP = 14;
    private static final int BOTTOM = 26;
    private static final String[] COLOURS = { "#1f5fa8", "#0f8a6d" };
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("M/d", Locale.ROOT);

    /** One value at one time; {@code outOfRange} marks it in the chart and the table. */
    public record Point(Instant at, double value, boolean outOfRange) {
    }

    /** A named line, e.g. 収縮期 and 拡張期 of blood pressure. */
    public record Series(String name, List<Point> points) {
    }

    /** The reference range; either side may be open. */
    public record Band(Optional<Double> low, Optional<Double> high) {
    }

    /**
     * @param title what is shown (also the chart's accessible name)
     * @param unit printed beside the values
     * @param outOfRangeText the table's marker for a value outside the band (from the i18n bundle)
     */
    public TrendChart(String title, String unit, List<Series> series, Optional<Band> band, String dateHeader,
            String outOfRangeText) {
        addClassName("tsunagu-trend");
        var svg = new Svg(svg(title, unit, series, band));
        svg.addClassName("tsunagu-trend-chart");
        add(svg);
        if (series.size() > 1) {
            var legend = new Div();
            legend.addClassName("tsunagu-trend-legend");
            for (int i = 0; i < series.size(); i++) {
                var key = new Span(series.get(i).name());
                key.getStyle().set("--series-colour", COLOURS[i % COLOURS.length]);
                legend.add(key);
            }
            add(legend);
        }
        add(table(title, unit, series, dateHeader, outOfRangeText));
    }

    private static String svg(String title, String unit, List<Series> series, Optional<Band> band) {
        List<Point> all = series.stream().flatMap(s -> s.points().stream()).toList();
        StringBuilder out = new StringBuilder();
        out.append("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("' role='img' aria-label='").append(escape(title)).append("'>");
        if (all.isEmpty()) {
            return out.append("</svg>").toString();
        }
        // The reference range is part of what a reader compares with, so the axis always shows it.
        var axis = ChartAxis.of(all.stream().map(Point::value).toList(),
                band.flatMap(Band::low).orElse(Double.POSITIVE_INFINITY),
                band.flatMap(Band::high).orElse(Double.NEGATIVE_INFINITY));
        double yMin = axis.min();
        double yMax = axis.max();
        long tMin = all.stream().mapToLong(p -> p.at().getEpochSecond()).min().orElse(0);
        long tMax = all.stream().mapToLong(p -> p.at().getEpochSecond()).max().orElse(1);
        if (tMax == tMin) {
            // One day of values: give it a day either side so the points sit in the middle, not on the axis.
            tMin -= 86_400;
            tMax += 86_400;
        }
        var scale = new Scale(tMin, tMax, yMin, yMax);

        if (band.isPresent()) {
            double top = scale.y(axis.place(band.get().high().orElse(yMax)));
            double bottom = scale.y(axis.place(band.get().low().orElse(yMin)));
            out.append("<rect class='band' x='").append(LEFT).append("' y='").append(fmt(top)).append("' width='")
                    .append(WIDTH - LEFT - RIGHT).append("' height='").append(fmt(Math.max(bottom - top, 1)))
                    .append("' fill='#2e9e6b' fill-opacity='0.14'/>");
        }
        for (double value : axis.ticks()) {
            double y = scale.y(value);
            out.append("<line x1='").append(LEFT).append("' x2='").append(WIDTH - RIGHT).append("' y1='")
                    .append(fmt(y)).append("' y2='").append(fmt(y)).append("' stroke='#d5dbe3' stroke-width='0.6'/>");
            out.append("<text x='").append(LEFT - 4).append("' y='").append(fmt(y + 3.5))
                    .append("' text-anchor='end' font-size='10' fill='#4a5565'>").append(plain(value))
                    .append("</text>");
        }
        out.append("<text x='").append(LEFT).append("' y='10' font-size='10' fill='#4a5565'>").append(escape(unit))
                .append("</text>");
        LocalDate first = JapanTime.dateOf(Instant.ofEpochSecond(tMin));
        LocalDate last = JapanTime.dateOf(Instant.ofEpochSecond(tMax));
        out.append("<text x='").append(LEFT).append("' y='").append(HEIGHT - 8)
                .append("' font-size='10' fill='#4a5565'>").append(dateLabel(first, last, first)).append("</text>");
        out.append("<text x='").append(WIDTH - RIGHT).append("' y='").append(HEIGHT - 8)
                .append("' text-anchor='end' font-size='10' fill='#4a5565'>").append(dateLabel(first, last, last))
                .append("</text>");
        for (int s = 0; s < series.size(); s++) {
            String colour = COLOURS[s % COLOURS.length];
            List<Point> points = series.get(s).points().stream()
                    .sorted(java.util.Comparator.comparing(Point::at)).toList();
            if (points.size() > 1) {
                out.append("<polyline fill='none' stroke='").append(colour).append("' stroke-width='1.8' points='");
                for (Point p : points) {
                    out.append(fmt(scale.x(p.at()))).append(',').append(fmt(scale.y(axis.place(p.value())))).append(' ');
                }
                out.append("'/>");
            }
            double radius = points.size() > 40 ? 1.8 : 3.2;
            for (Point p : points) {
                if (axis.clamped().contains(p.value())) {
                    // Beyond the axis: drawn at its edge with the real value beside it.
                    out.append("<text class='beyond' x='").append(fmt(scale.x(p.at()) + 5)).append("' y='")
                            .append(fmt(scale.y(axis.place(p.value())) + (p.value() > yMax ? 10 : -4)))
                            .append("' font-size='10' fill='#8a1c13'>").append(p.value() > yMax ? "↑ " : "↓ ")
                            .append(plain(p.value())).append("</text>");
                }
                out.append("<circle cx='").append(fmt(scale.x(p.at()))).append("' cy='").append(fmt(scale.y(axis.place(p.value()))))
                        .append("' r='").append(p.outOfRange() ? radius + 0.8 : radius).append("' fill='")
                        .append(p.outOfRange() ? "#c62828" : colour).append("'/>");
            }
        }
        return out.append("</svg>").toString();
    }

    private static String dateLabel(LocalDate first, LocalDate last, LocalDate date) {
        return first.getYear() == last.getYear() && first.getYear() == JapanTime.dateOf(Instant.now()).getYear()
                ? date.format(SHORT) : date.getYear() + "/" + date.format(SHORT);
    }

    private record Scale(long tMin, long tMax, double yMin, double yMax) {

        double x(Instant at) {
            return LEFT + (double) (at.getEpochSecond() - tMin) / (tMax - tMin) * (WIDTH - LEFT - RIGHT);
        }

        double y(double value) {
            return TOP + (yMax - value) / (yMax - yMin) * (HEIGHT - TOP - BOTTOM);
        }
    }

    private static NativeTable table(String title, String unit, List<Series> series, String dateHeader,
            String outOfRangeText) {
        var table = new NativeTable();
        table.addClassName("tsunagu-trend-table");
        table.getElement().setAttribute("aria-label", title);
        var head = new NativeTableRow(new NativeTableHeaderCell(dateHeader));
        series.forEach(s -> head.add(new NativeTableHeaderCell(s.name() + (unit.isEmpty() ? "" : " (" + unit + ")"))));
        table.getHead().add(head);
        NativeTableBody body = table.addBody();
        List<Instant> times = new ArrayList<>(series.stream().flatMap(s -> s.points().stream()).map(Point::at)
                .distinct().sorted(java.util.Comparator.reverseOrder()).toList());
        for (Instant at : times) {
            var row = new NativeTableRow(new NativeTableCell(JapanTime.day(at)));
            for (Series s : series) {
                Optional<Point> point = s.points().stream().filter(p -> p.at().equals(at)).findFirst();
                var cell = new NativeTableCell(point.map(p -> plain(p.value())).orElse("—"));
                if (point.filter(Point::outOfRange).isPresent()) {
                    cell.addClassName("out-of-range");
                    cell.add(new Span(" " + outOfRangeText));
                }
                row.add(cell);
            }
            body.add(row);
        }
        return table;
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e9 ? Long.toString((long) value)
                : java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;");
    }
}
