package jp.tsunagu.record;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.directory.OrganisationId;

/** A bundle (or single resource) exactly as a source sent it, with who sent it and when. */
public record ReceivedBundle(UUID importId, Optional<OrganisationId> source, String original, Instant receivedAt,
        boolean holdsUndisclosed) {
}
