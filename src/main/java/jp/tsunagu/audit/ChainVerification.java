package jp.tsunagu.audit;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jp.tsunagu.audit.ChainCheck.Problem;
import jp.tsunagu.audit.ChainCheckpoints.Checkpoint;
import jp.tsunagu.audit.persistence.AccessLogStore;
import jp.tsunagu.audit.persistence.AccessLogStore.StoredAnchor;
import jp.tsunagu.audit.persistence.AccessLogStore.StoredRow;

/**
 * One walk over the chain: the anchor's MAC, then every row's link and MAC in order, each checkpoint
 * met on the way, and at the end every checkpoint beyond the newest row. Stops at the first problem.
 */
final class ChainVerification {

    private final AccessLogStore store;
    private final ChainKeys keys;
    private final ChainCheckpoints checkpoints;

    ChainVerification(AccessLogStore store, ChainKeys keys, ChainCheckpoints checkpoints) {
        this.store = store;
        this.keys = keys;
        this.checkpoints = checkpoints;
    }

    ChainCheck run() {
        List<Checkpoint> written = checkpoints.read();
        Optional<Checkpoint> forged = written.stream().filter(c -> !c.genuine()).findFirst();
        if (forged.isPresent()) {
            return ChainCheck.broken(0, Math.max(0, forged.get().seq()), Problem.CHECKPOINT_FORGED, written.size());
        }
        Optional<StoredAnchor> anchor = store.anchor();
        if (anchor.isPresent() && !genuine(anchor.get())) {
            return ChainCheck.broken(0, anchor.get().afterSeq(), Problem.ANCHOR_CHANGED, written.size());
        }
        long purgedThrough = anchor.map(StoredAnchor::afterSeq).orElse(0L);
        List<Checkpoint> due = written.stream().filter(c -> c.seq() > purgedThrough)
                .sorted(Comparator.comparingLong(Checkpoint::seq)).toList();
        var walk = new Object() {
            long rows;
            String expectedPrevious = anchor.map(StoredAnchor::hash).orElse(AccessLogStore.GENESIS);
            int nextCheckpoint;
            ChainCheck problem;
        };
        store.walk(row -> {
            if (walk.problem != null) {
                return;
            }
            walk.rows++;
            walk.problem = rowProblem(row, walk.expectedPrevious, walk.rows, written.size());
            while (walk.problem == null && walk.nextCheckpoint < due.size()
                    && due.get(walk.nextCheckpoint).seq() <= row.entry().seq()) {
                Checkpoint checkpoint = due.get(walk.nextCheckpoint++);
                if (checkpoint.seq() < row.entry().seq()) {
                    // The checkpointed row is missing although later rows are there.
                    walk.problem = ChainCheck.broken(walk.rows, checkpoint.seq(), Problem.TRUNCATED, written.size());
                } else if (!checkpoint.hash().equals(row.hash())) {
                    walk.problem = ChainCheck.broken(walk.rows, checkpoint.seq(), Problem.CHECKPOINT_MISMATCH,
                            written.size());
                }
            }
            walk.expectedPrevious = row.hash();
        });
        if (walk.problem != null) {
            return walk.problem;
        }
        if (walk.nextCheckpoint < due.size()) {
            return ChainCheck.broken(walk.rows, due.get(walk.nextCheckpoint).seq(), Problem.TRUNCATED, written.size());
        }
        return ChainCheck.intact(walk.rows, written.size());
    }

    private ChainCheck rowProblem(StoredRow row, String expectedPrevious, long rows, int checkpointCount) {
        long seq = row.entry().seq();
        if (!row.previousHash().equals(expectedPrevious)) {
            return ChainCheck.broken(rows, seq, Problem.UNLINKED, checkpointCount);
        }
        if (!keys.knows(row.keyId())) {
            return ChainCheck.broken(rows, seq, Problem.UNKNOWN_KEY, checkpointCount);
        }
        if (!ChainKeys.same(keys.mac(row.keyId(), ChainContent.row(row.entry(), row.previousHash())), row.hash())) {
            return ChainCheck.broken(rows, seq, Problem.CHANGED, checkpointCount);
        }
        return null;
    }

    private boolean genuine(StoredAnchor anchor) {
        return keys.knows(anchor.keyId()) && ChainKeys.same(
                keys.mac(anchor.keyId(), ChainContent.anchor(anchor.afterSeq(), anchor.hash(), anchor.purgedAt())),
                anchor.mac());
    }
}
