package jp.tsunagu.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Import results and refusals in the reader's language, for the API and the command alike. */
@Component
public class ImportMessages {

    static final int MAX_QUOTED = 80;

    private final MessageSource messages;

    ImportMessages(MessageSource messages) {
        this.messages = messages;
    }

    /** "Bundle.entry[3].resource.subject: 患者への参照がありません。…" */
    public String describe(ImportProblem problem, Locale locale) {
        return problem.expression() + ": " + text(problem, locale);
    }

    public String text(ImportProblem problem, Locale locale) {
        Object[] arguments = problem.arguments().stream().map(ImportMessages::quoted).toArray();
        return messages.getMessage(problem.messageKey(), arguments, locale);
    }

    /**
     * A refusal quotes the value it is about (a reference, a code) so the sender finds it; the start of a
     * value recognises it as well as a megabyte of it, which would only bury the other problems.
     */
    private static Object quoted(Object argument) {
        if (argument instanceof String text && text.length() > MAX_QUOTED) {
            return text.substring(0, Character.isHighSurrogate(text.charAt(MAX_QUOTED - 1)) ? MAX_QUOTED - 1
                    : MAX_QUOTED) + "…";
        }
        return argument;
    }

    public List<String> describe(ImportResult result, Locale locale) {
        List<String> lines = new ArrayList<>();
        if (result.patientRegistered()) {
            lines.add(messages.getMessage("fhir.result.registered", null, locale));
        }
        lines.add(messages.getMessage(result.alreadyImported() ? "fhir.result.resent" : "fhir.result.summary",
                new Object[] {result.resources(), result.added(), result.updated(), result.unchanged()}, locale));
        if (!result.kept().isEmpty()) {
            lines.add(messages.getMessage("fhir.result.kept", new Object[] {format(result.kept())}, locale));
        }
        return lines;
    }

    private static String format(Map<String, Long> counts) {
        return String.join(", ", counts.entrySet().stream().map(e -> e.getKey() + " × " + e.getValue()).toList());
    }
}
