package jp.tsunagu.consent;

import java.util.List;
import java.util.Optional;

import jp.tsunagu.audit.AccessEntry;

/**
 * How access-log rows about consent read to people: the log keeps codes (a purpose, "opt-in", "no consent")
 * so that it reads the same in ten years; screens turn them into bundle keys here, so that the patient's log
 * and the steward's log say the same thing and no code reaches anyone.
 */
public final class ConsentWords {

    /** The purpose the log names for the patient's own download of her record. */
    public static final String OWN_DOWNLOAD = "OWN_DOWNLOAD";

    private static final List<String> SWITCH_CHANGES = List.of("opt-in", "opt-out", "revoke");

    private ConsentWords() {
    }

    /**
     * For a change of a purpose switch (治験のお誘い, 研究, …), the key of what the switch now says, e.g.
     * {@code consent.switch.TRIAL_RECRUITMENT.on} (治験のお誘いを受け取る（名前は伝わりません）); empty for any
     * other row. A switch is stored as a directive for every category and the purpose's audience; read as
     * such it would promise sharing "all information" with "users per purpose", which it never does.
     */
    public static Optional<String> switched(AccessEntry entry) {
        if (entry.action() != AccessEntry.Action.CONSENT_CHANGE || entry.purpose().isEmpty()) {
            return Optional.empty();
        }
        return switched(entry.purpose().get(), entry.reason());
    }

    /** Same, from a purpose's name and the change ("opt-in", "opt-out", "revoke") as the inbox keeps them. */
    public static Optional<String> switched(String purposeName, String change) {
        if (!SWITCH_CHANGES.contains(change)) {
            return Optional.empty();
        }
        return purpose(purposeName).filter(Purpose::patientSwitch)
                .map(p -> "consent.switch." + p.name() + "." + (on(p, change) ? "on" : "off"));
    }

    /** Same, for a directive in the consent history. */
    public static Optional<String> switched(Directive directive) {
        if (!directive.purpose().patientSwitch() || !(directive.grantee() instanceof Grantee.Audience)) {
            return Optional.empty();
        }
        boolean on = (directive.effect() == Directive.Effect.PERMIT) == (directive.status() == Directive.Status.ACTIVE);
        return Optional.of("consent.switch." + directive.purpose().name() + "." + (on ? "on" : "off"));
    }

    /**
     * The key of a row's reason as a steward reads it ({@code steward.log.reason.<code>}), for the codes the
     * portal writes; empty for free text (a sender's name, an explanation), which is shown as it is.
     */
    public static Optional<String> reasonKey(String code) {
        return KNOWN_REASONS.contains(code)
                ? Optional.of("steward.log.reason." + code.replace(": ", "-").replace(' ', '-')) : Optional.empty();
    }

    private static final List<String> KNOWN_REASONS = List.of("consent", "no consent", "break-the-glass",
            "no open break-the-glass", "review-case-shown", "grant", "revoke", "restore", "opt-in", "opt-out",
            "invitation-accept", "invitation-decline", "invitation-withdraw", "invitation-contact", "fhir-export",
            "patient-search", "patient-search: no match", "emergency-objection",
            // issue 17, sponsor: the accepted contacts handed over as a CSV file
            "invitation-contact-file");

    private static boolean on(Purpose purpose, String change) {
        return switch (change) {
            case "opt-in" -> true;
            case "opt-out" -> false;
            // Ending a switch's directive goes back to the purpose's default.
            default -> purpose.permittedByDefault();
        };
    }

    private static Optional<Purpose> purpose(String name) {
        try {
            return Optional.of(Purpose.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
