package jp.tsunagu.research.release;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import jp.tsunagu.research.ResearchProperties;
import jp.tsunagu.research.release.persistence.LedgerStore;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The release ledger as the rule reads it: the database is the truth; this node keeps the entries of the
 * window in memory (compact, read in place) and reads only the ones added since, under the ledger's lock, so
 * a figure released on another node a moment ago is held against the next one here.
 */
@Component
public class ReleaseLedger {

    private final LedgerStore store;
    private final ResearchProperties properties;
    private final Clock clock;
    /** The window's figures that a new one may read as, by size; changed only under the ledger's lock. */
    private final ReleaseRule.Anchors anchors = new ReleaseRule.Anchors();
    private long lastSeq;
    private volatile Perturbation perturbation;

    ReleaseLedger(LedgerStore store, ResearchProperties properties, Optional<Clock> clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * Takes the ledger's lock for the caller's transaction (held until it ends) and returns the window's figures a
     * new one may read as, the newest included. Nothing changes them until the caller's transaction ends: every
     * change happens here, under the same lock. (The lock is taken before this node's monitor, so that a thread
     * waiting for the lock never holds a monitor another needs.)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public ReleaseRule.Anchors lockAndRead() {
        store.lock();
        synchronized (anchors) {
            Instant from = clock.instant().minus(properties.releaseWindow());
            anchors.forgetBefore(from);
            store.entriesAfter(lastSeq, from, e -> {
                anchors.add(ReleaseRule.hold(e));
                lastSeq = Math.max(lastSeq, e.seq());
            });
            return anchors;
        }
    }

    /**
     * Enters a sponsor's figure in the same transaction as the logged answer: a shown one with its value (and the
     * earlier entry it read as), or a breakdown's hidden group.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enterForSponsor(Instant at, UUID sponsor, UUID query, String label, ReleaseRule.Outcome outcome,
            RoaringBitmap members) {
        store.insert(at, LedgerEntry.Audience.SPONSORS, Optional.of(sponsor), Optional.of(query), label,
                LedgerEntry.Kind.EXACT, outcome.figure().value(),
                outcome.sameAs().map(e -> OptionalLong.of(e.seq())).orElse(OptionalLong.empty()), members);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void enterHidden(Instant at, UUID sponsor, UUID query, RoaringBitmap members) {
        store.insert(at, LedgerEntry.Audience.SPONSORS, Optional.of(sponsor), Optional.of(query), "hidden",
                LedgerEntry.Kind.HIDDEN, OptionalLong.empty(), OptionalLong.empty(), members);
    }

    /** Enters a public figure with its value, unless the same people were entered under this label before. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enterForPublic(Instant at, String label, long shown, RoaringBitmap members) {
        return store.insert(at, LedgerEntry.Audience.PUBLIC, Optional.empty(), Optional.empty(), label,
                LedgerEntry.Kind.EXACT, OptionalLong.of(shown), OptionalLong.empty(), members);
    }

    /** The definition of a logged query, to name it in a refusal to the same sponsor. */
    public Optional<String> definition(UUID query) {
        return store.definition(query);
    }

    public LedgerStore.Size size() {
        return store.size();
    }

    /** The adjustment, with the deployment's key (made at first use). */
    public Perturbation perturbation() {
        Perturbation p = perturbation;
        if (p == null) {
            synchronized (this) {
                if (perturbation == null) {
                    perturbation = new Perturbation(store.key());
                }
                p = perturbation;
            }
        }
        return p;
    }
}
