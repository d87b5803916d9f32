package jp.tsunagu.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jp.tsunagu.research.ReleaseAttacks.Strategy;
import jp.tsunagu.research.ReleaseAttacks.Tally;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, acceptance 2: the adversary of {@link ReleaseAttacks} against the release desk (the production rule,
 * adjustment and disclosure, composed as the services compose them) over {@code attack.populations} random
 * populations (default 1,000) from {@code attack.seed}. No strategy may learn with certainty the exact size of a
 * group of 1–10 people, or whether a known person is in a cohort. The same strategies against a desk with
 * suppression of 1–10 only (no rule, exact values) must succeed, so a detector that never fires cannot pass. The
 * table also shows how often the attacker's plain difference of released values hits the true size (not asserted
 * beyond the control hitting always). The desk refuses a question with a part of 0–10 people (the part rule of
 * Cohorts.ask) and never shows a sponsor 0 (Released.forSponsors: 0–10 read "10 or fewer"); every strategy is held
 * to zero under it, KNOWN_PERSON_DIRECT and PADDED_WITH_ELEVEN_OR_MORE included (open leaks while 0 was shown and
 * parts of 0 passed). One open leak is reported and not held to zero: KNOWN_PERSON_KNOWING_D, the direct attack by
 * one who knows exactly how many others have D; when they are 10, the threshold of 11 itself tells whether she has
 * D (inherent to a fixed threshold). The long run is {@link ReleaseAttackBenchmark}.
 */
class ReleaseAttackTest {

    static final int POPULATIONS = Integer.getInteger("attack.populations", 1000);
    static final long SEED = Long.getLong("attack.seed", 15L);

    @Test
    void noStrategyLearnsASmallGroup_fromTheProtectedDesk() {
        Map<Strategy, Tally> tallies = ReleaseAttacks.run(SEED, POPULATIONS, true);
        System.out.print(ReleaseAttacks.summary(String.format(
                "=== release attacks, protected desk: %d populations, seed %d ===", POPULATIONS, SEED), tallies));
        // Every strategy is reported, not only the first that fails: each names the first population it broke.
        SoftAssertions softly = new SoftAssertions();
        tallies.forEach((strategy, tally) -> {
            // Too few attempts would make "0 successes" say nothing.
            softly.assertThat(tally.attempts).as("%s attempts", strategy).isGreaterThanOrEqualTo(POPULATIONS / 2);
            if (strategy.openLeak) {
                System.out.printf("OPEN LEAK (reported, not held to zero): %s learned %d times; first: %s%n",
                        strategy, tally.successes, tally.firstSuccess);
                return;
            }
            softly.assertThat(tally.successes).as("%s learned a small group; first: %s", strategy,
                    tally.firstSuccess).isZero();
        });
        softly.assertAll();
    }

    @Test
    void theSameStrategies_learnSmallGroups_fromADeskWithSuppressionOnly() {
        int populations = Math.max(100, POPULATIONS / 10);
        Map<Strategy, Tally> tallies = ReleaseAttacks.run(SEED, populations, false);
        System.out.print(ReleaseAttacks.summary(String.format(
                "=== release attacks, control desk (suppression of 1-10 only): %d populations, seed %d ===",
                populations, SEED), tallies));
        tallies.forEach((strategy, tally) -> {
            if (strategy.controlMustSucceed) {
                assertThat(tally.successes).as("%s against the control desk", strategy).isPositive();
            }
            // Exact values: the plain difference is the truth whenever it can be formed.
            assertThat(tally.estimateHits).as("%s estimate on the control desk", strategy)
                    .isEqualTo(tally.estimable);
        });
    }
}
