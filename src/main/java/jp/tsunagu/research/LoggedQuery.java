package jp.tsunagu.research;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A query as the log keeps it, for stewards and the sponsor who asked: no sets, no patients. */
public record LoggedQuery(UUID id, String sponsorName, String actorName, Instant at, String kind, String purpose,
        Optional<String> studyTitle, String definition, String outcome, String released) {
}
