package jp.tsunagu.audit;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.audit.AccessEntry.Action;
import jp.tsunagu.audit.AccessEntry.Outcome;

/** What a feature reports to the log; who acted and when are filled in by the log itself. */
public record NewAccess(Optional<UUID> patient, List<String> categories, Optional<String> purpose, Action action,
        Outcome outcome, String reason) {

    public NewAccess {
        categories = List.copyOf(categories);
    }
}
