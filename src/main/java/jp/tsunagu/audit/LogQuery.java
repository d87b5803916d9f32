package jp.tsunagu.audit;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A steward's search of the access log; every part is optional and they combine with AND.
 *
 * @param actor an actor's subject, or a part of their name
 * @param from inclusive
 * @param until exclusive
 */
public record LogQuery(Optional<UUID> patient, Optional<String> actor, Optional<String> organisation,
        Optional<Instant> from, Optional<Instant> until) {
}
