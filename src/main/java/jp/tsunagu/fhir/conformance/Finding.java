package jp.tsunagu.fhir.conformance;

import java.util.List;

/**
 * One way a resource departs from a profile it claims (or, downgraded to a warning, from the JP-CLINS profile
 * it would most likely be sent under). {@code path} is FHIRPath-style and relative to the checked resource
 * ({@code dosageInstruction[0].timing.code}, empty for the resource itself); {@code messageKey} and
 * {@code arguments} go to the message bundles under {@code fhir.conformance.}.
 */
public record Finding(Severity severity, String path, String messageKey, List<Object> arguments) {

    public enum Severity {
        ERROR, WARNING
    }

    public Finding {
        arguments = List.copyOf(arguments);
    }

    static Finding error(String path, String key, Object... arguments) {
        return new Finding(Severity.ERROR, path, key, List.of(arguments));
    }

    static Finding warning(String path, String key, Object... arguments) {
        return new Finding(Severity.WARNING, path, key, List.of(arguments));
    }

    Finding asWarning() {
        return severity == Severity.WARNING ? this : new Finding(Severity.WARNING, path, messageKey, arguments);
    }
}
