package jp.tsunagu.research;

import java.util.Locale;
import java.util.Map;

import jp.tsunagu.research.ReleaseAttacks.Strategy;
import jp.tsunagu.research.ReleaseAttacks.Tally;
import org.junit.jupiter.api.Test;

/**
 * The long version of {@link ReleaseAttackTest} (issue 15): every strategy on {@code attack.populations} random
 * populations (default 20,000) from {@code attack.seed}, against the protected desk and, on a tenth as many, the
 * control desk (suppression of 1–10 only, exact values). It prints how many attacks were tried, how many saw a
 * figure read as an earlier one, how many learned a small group with certainty (with the first example of each),
 * and how often the plain difference of released values hit the true size; the CI test is what asserts.
 * {@code attack.searchScale} (default 1) makes the adversary's search for other consistent worlds deeper.
 * Run with {@code ./mvnw -Pbench verify -Dit.test=ReleaseAttackBenchmark}.
 */
class ReleaseAttackBenchmark {

    @Test
    void attacks() {
        int populations = Integer.getInteger("attack.populations", 20_000);
        long seed = Long.getLong("attack.seed", 2026L);
        ReleaseAttacks.Adversary.searchScale = Integer.getInteger("attack.searchScale", 1);
        long started = System.nanoTime();
        Map<Strategy, Tally> protectedDesk = ReleaseAttacks.run(seed, populations, true);
        double protectedSeconds = (System.nanoTime() - started) / 1e9;
        started = System.nanoTime();
        Map<Strategy, Tally> control = ReleaseAttacks.run(seed, Math.max(100, populations / 10), false);
        double controlSeconds = (System.nanoTime() - started) / 1e9;
        System.out.println();
        System.out.print(ReleaseAttacks.summary(String.format(Locale.ROOT,
                "=== release attack benchmark, protected desk: %,d populations, seed %d, %.1f s ===", populations,
                seed, protectedSeconds), protectedDesk));
        print(protectedDesk);
        System.out.print(ReleaseAttacks.summary(String.format(Locale.ROOT,
                "=== control desk (suppression of 1-10 only): %,d populations, seed %d, %.1f s ===",
                Math.max(100, populations / 10), seed, controlSeconds), control));
        long attempts = 0;
        long successes = 0;
        for (Map.Entry<Strategy, Tally> e : protectedDesk.entrySet()) {
            if (e.getKey().openLeak) {
                System.out.printf(Locale.ROOT, "protected desk, open leak %s: %,d of %,d attacks succeeded%n",
                        e.getKey(), e.getValue().successes, e.getValue().attempts);
            } else {
                attempts += e.getValue().attempts;
                successes += e.getValue().successes;
            }
        }
        System.out.printf(Locale.ROOT, "protected desk, the rest: %,d attacks tried, %,d succeeded%n", attempts,
                successes);
    }

    private static void print(Map<Strategy, Tally> tallies) {
        tallies.forEach((strategy, tally) -> {
            if (tally.firstSuccess != null) {
                System.out.println("  first success of " + strategy + ": " + tally.firstSuccess);
            }
        });
    }
}
