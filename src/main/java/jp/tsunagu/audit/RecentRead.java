package jp.tsunagu.audit;

import java.time.Instant;
import java.util.UUID;

/** A patient whose data the signed-in person read, and when they last did. */
public record RecentRead(UUID patient, Instant at) {
}
