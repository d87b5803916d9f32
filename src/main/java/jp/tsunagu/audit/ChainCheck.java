package jp.tsunagu.audit;

import java.util.Optional;

/**
 * The result of walking the access log's hash chain.
 *
 * @param rows rows checked
 * @param firstBroken the first row whose content or link does not match, if any
 * @param problem what is wrong there: {@code CHANGED} (content differs from its hash) or {@code UNLINKED}
 *        (its link does not name the row before it: a row before it was removed or changed)
 */
public record ChainCheck(long rows, Optional<Long> firstBroken, Optional<String> problem) {

    public boolean intact() {
        return firstBroken.isEmpty();
    }
}
