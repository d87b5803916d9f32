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

    public enum Action { READ, EXPORT, CONSENT_CHANGE, EMERGENCY_ACCESS, EMERGENCY_REVIEW, COUNTED }

    public enum Outcome { PERMITTED, DENIED, RECORDED }

    public AccessEntry {
        categories = List.copyOf(categories);
    }
}
