package jp.tsunagu.identity.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins counted per key (an account, a client id, a client address). After a few failures
 * every further attempt must wait a growing delay; after {@code lockAfter} failures the key is locked
 * for {@code lockFor}. An attempt that comes too early or while locked is refused without looking at
 * the password, and counts as a failure: a script hammering the form only locks itself out sooner.
 * A success clears the key. Kept in memory per node (a restart clears it; issue 20 shares it).
 */
public final class SignInThrottle {

    /** What to do with an attempt before it is checked. */
    public sealed interface Verdict {
        record Go() implements Verdict {
        }

        record Wait(Duration retryAfter) implements Verdict {
        }

        record Locked(Instant until) implements Verdict {
        }
    }

    /** A key that is locked now, for the steward's list. */
    public record Lock(String key, int failures, Instant until) {
    }

    private record State(int failures, Instant notBefore, Instant lockedUntil, Instant lastFailure) {
    }

    /** Bounds memory under a flood of made-up usernames: the oldest keys go first. */
    private static final int MAX_KEYS = 100_000;

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final int delayAfter;
    private final int lockAfter;
    private final Duration lockFor;
    private final Clock clock;

    public SignInThrottle(int delayAfter, int lockAfter, Duration lockFor, Clock clock) {
        this.delayAfter = delayAfter;
        this.lockAfter = lockAfter;
        this.lockFor = lockFor;
        this.clock = clock;
    }

    /** The strictest verdict over the keys of one attempt; a refused attempt counts as a failure of each. */
    public Verdict admit(List<String> keys) {
        Instant now = clock.instant();
        Verdict verdict = new Verdict.Go();
        for (String key : keys) {
            State state = states.get(key);
            if (state == null) {
                continue;
            }
            if (state.lockedUntil() != null && state.lockedUntil().isAfter(now)) {
                verdict = new Verdict.Locked(state.lockedUntil());
                break;
            }
            if (state.notBefore() != null && state.notBefore().isAfter(now) && !(verdict instanceof Verdict.Locked)) {
                verdict = new Verdict.Wait(Duration.between(now, state.notBefore()));
            }
        }
        if (!(verdict instanceof Verdict.Go)) {
            keys.forEach(this::failed);
            // Counting this attempt may have locked the key just now.
            for (String key : keys) {
                State state = states.get(key);
                if (state != null && state.lockedUntil() != null && state.lockedUntil().isAfter(now)) {
                    return new Verdict.Locked(state.lockedUntil());
                }
            }
        }
        return verdict;
    }

    public void failed(String key) {
        Instant now = clock.instant();
        if (states.size() >= MAX_KEYS && !states.containsKey(key)) {
            states.entrySet().stream().min(Comparator.comparing(e -> e.getValue().lastFailure()))
                    .ifPresent(oldest -> states.remove(oldest.getKey()));
        }
        states.compute(key, (k, old) -> {
            boolean lockOver = old != null && old.lockedUntil() != null && !old.lockedUntil().isAfter(now);
            int failures = old == null || lockOver ? 1 : old.failures() + 1;
            Instant lockedUntil = failures >= lockAfter ? now.plus(lockFor)
                    : old == null || lockOver ? null : old.lockedUntil();
            Instant notBefore = failures >= delayAfter
                    ? now.plusSeconds(Math.min(1L << Math.min(failures - delayAfter, 5), 30)) : null;
            return new State(failures, notBefore, lockedUntil, now);
        });
    }

    public void succeeded(String key) {
        states.remove(key);
    }

    public List<Lock> locks() {
        Instant now = clock.instant();
        return states.entrySet().stream()
                .filter(e -> e.getValue().lockedUntil() != null && e.getValue().lockedUntil().isAfter(now))
                .map(e -> new Lock(e.getKey(), e.getValue().failures(), e.getValue().lockedUntil()))
                .sorted(Comparator.comparing(Lock::key)).toList();
    }

    public boolean unlock(String key) {
        return states.remove(key) != null;
    }

    Optional<Integer> failures(String key) {
        return Optional.ofNullable(states.get(key)).map(State::failures);
    }
}
