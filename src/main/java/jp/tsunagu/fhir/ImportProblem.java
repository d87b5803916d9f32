package jp.tsunagu.fhir;

import java.util.List;

/**
 * One thing wrong with a bundle, precise enough to fix: where (a FHIRPath-like expression such as
 * {@code Bundle.entry[3].resource.subject}), which resource, and what (a message key of the i18n bundle
 * with its arguments, so the sender reads it in their language).
 */
public record ImportProblem(String expression, String resourceType, String messageKey, List<Object> arguments) {

    public ImportProblem {
        arguments = List.copyOf(arguments);
    }

    public static ImportProblem at(String expression, String resourceType, String messageKey, Object... arguments) {
        return new ImportProblem(expression, resourceType, messageKey, List.of(arguments));
    }
}
