package jp.tsunagu.audit;

import java.util.Optional;

/**
 * The result of checking the access log's chain against its keys and checkpoints.
 *
 * @param rows rows checked
 * @param firstBroken the row (or, for a checkpoint, the row it names) where the first problem is
 * @param problem what is wrong there, one of {@link Problem}'s names
 * @param checkpoints how many checkpoints the rows were held against
 */
public record ChainCheck(long rows, Optional<Long> firstBroken, Optional<String> problem, int checkpoints) {

    /** What can be wrong, in the words of {@code steward.chain.broken.*}. */
    public enum Problem {
        /** a row's content no longer matches its MAC */
        CHANGED,
        /** a row does not link to the row before it: a row before it was removed or changed */
        UNLINKED,
        /** a row names a key the portal does not have */
        UNKNOWN_KEY,
        /** the purge anchor (where the chain starts) was changed */
        ANCHOR_CHANGED,
        /** a checkpoint line does not carry a valid MAC */
        CHECKPOINT_FORGED,
        /** a checkpointed row is there but with another MAC */
        CHECKPOINT_MISMATCH,
        /** a checkpointed row is gone: rows were removed from the end of the log */
        TRUNCATED
    }

    static ChainCheck intact(long rows, int checkpoints) {
        return new ChainCheck(rows, Optional.empty(), Optional.empty(), checkpoints);
    }

    static ChainCheck broken(long rows, long at, Problem problem, int checkpoints) {
        return new ChainCheck(rows, Optional.of(at), Optional.of(problem.name()), checkpoints);
    }

    public boolean intact() {
        return firstBroken.isEmpty();
    }
}
