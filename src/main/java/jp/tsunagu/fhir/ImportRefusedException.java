package jp.tsunagu.fhir;

import java.util.List;

/**
 * The bundle was refused and nothing was stored. {@link Reason} tells the HTTP layer which status fits.
 * The message names only locations and message keys: values from the bundle (names, identifiers)
 * never reach a log through it.
 */
public class ImportRefusedException extends RuntimeException {

    public enum Reason { TOO_LARGE, MALFORMED, INVALID, UNKNOWN_PATIENT, FORBIDDEN, RATE_LIMITED }

    private final Reason reason;
    private final List<ImportProblem> problems;

    public ImportRefusedException(Reason reason, List<ImportProblem> problems) {
        super(reason + ": " + problems.stream().map(p -> p.expression() + " " + p.messageKey()).toList());
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    public ImportRefusedException(Reason reason, ImportProblem problem) {
        this(reason, List.of(problem));
    }

    public Reason reason() {
        return reason;
    }

    public List<ImportProblem> problems() {
        return problems;
    }
}
