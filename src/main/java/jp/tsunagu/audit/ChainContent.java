package jp.tsunagu.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * What each MAC of the access log covers, written once: a row (its content in a fixed order with the
 * previous row's MAC, which is the chain's link), the anchor a purge leaves, and a checkpoint. Each
 * kind starts with its own word, so a MAC of one kind can never pass for another.
 */
public final class ChainContent {

    private static final String SEPARATOR = "\u001f";

    private ChainContent() {
    }

    public static String row(AccessEntry e, String previous) {
        return String.join(SEPARATOR, "row", Long.toString(e.seq()), e.at().toString(), e.actor(), e.actorName(),
                e.actorRole(), e.organisation().orElse(""), e.patient().map(UUID::toString).orElse(""),
                String.join(",", e.categories()), e.purpose().orElse(""), e.action().name(), e.outcome().name(),
                e.reason(), previous);
    }

    public static String anchor(long afterSeq, String hash, Instant purgedAt) {
        return String.join(SEPARATOR, "anchor", Long.toString(afterSeq), hash, purgedAt.toString());
    }

    public static String checkpoint(long seq, String hash, Instant at) {
        return String.join(SEPARATOR, "checkpoint", Long.toString(seq), hash, at.toString());
    }
}
