package jp.tsunagu.record;

import java.util.List;

/** A measurement the rules in {@link Measurements} refuse; nothing was stored. */
public class MeasurementRejectedException extends RuntimeException {

    private final List<Measurements.Problem> problems;

    public MeasurementRejectedException(List<Measurements.Problem> problems) {
        super("measurement refused: " + problems.stream().map(Measurements.Problem::messageKey).toList());
        this.problems = List.copyOf(problems);
    }

    public List<Measurements.Problem> problems() {
        return problems;
    }
}
