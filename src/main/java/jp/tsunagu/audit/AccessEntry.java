package jp.tsunagu.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One row of the access log. Categories and purposes are kept as the names the features use (the log
 * sits below them and must read the same in ten years).
 *
 * @param actor who acted: an OIDC subject, an API client, or {@code system:<reason>}
 * @param patient whose data, if a person's data was concerned
 */
public record AccessEntry(long seq, Instant at, String actor, String actorName, String actorRole,
        Optional<String> organisation, Optional<UUID> patient, List<String> categories, Optional<String> purpose,
        Action action, Outcome outcome, String reason) {

    public enum Action {
        READ, EXPORT, CONSENT_CHANGE, EMERGENCY_ACCESS, EMERGENCY_REVIEW, COUNTED,
        /** records from a sender that had sent none for the patient (RECORDED), or refused because it could not
         * show it knows the patient (DENIED); the reason names the sender */
        RECORDS_RECEIVED,
        /** the patient held back a sender's records as not hers, or a steward decided; purpose names the step */
        QUARANTINE,
        /** the patient withdrew a file she had imported; everything it added went */
        IMPORT_WITHDRAWN,
        /** a clinician's search found the patient (or found nobody: no patient), or a steward searched the log */
        SEARCHED,
        /** records were added to or changed in the patient's record; the reason says how many */
        IMPORTED
    }

    public enum Outcome { PERMITTED, DENIED, RECORDED }

    /**
     * Marks, in a read's reason, the categories that were asked for but not shown because the patient does not
     * share them: one access is one row (what was seen and what was not), and a patient reading her log must
     * not take the part she keeps to herself for a second, refused attempt. The reason is in the row's MAC.
     */
    public static final String NOT_SHOWN = "not-shown:";

    /** A read's reason naming what was not shown; just {@code reason} when everything asked for was shown. */
    public static String withNotShown(String reason, List<String> notShown) {
        return notShown.isEmpty() ? reason : reason + "; " + NOT_SHOWN + String.join(",", notShown);
    }

    public AccessEntry {
        categories = List.copyOf(categories);
    }

    /** The categories this read did not show because they are not shared (see {@link #NOT_SHOWN}). */
    public List<String> notShown() {
        int at = reason.indexOf(NOT_SHOWN);
        if (at < 0) {
            return List.of();
        }
        return List.of(reason.substring(at + NOT_SHOWN.length()).strip().split(","));
    }

    /** The reason without the not-shown part: the code a screen translates. */
    public String reasonCode() {
        int at = reason.indexOf("; " + NOT_SHOWN);
        return at < 0 ? reason : reason.substring(0, at);
    }
}
