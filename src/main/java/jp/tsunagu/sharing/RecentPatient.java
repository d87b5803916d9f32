package jp.tsunagu.sharing;

import java.time.Instant;

/** A patient the clinician opened lately, as a search would find them now, and when they last opened the record. */
public record RecentPatient(FoundPatient patient, Instant openedAt) {
}
