package jp.tsunagu.identity;

import java.time.Instant;
import java.util.List;

import jp.tsunagu.identity.throttle.SignInThrottle;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Accounts, API clients and client addresses locked after repeated failed sign-ins at the embedded provider, for the
 * data steward, who can unlock them. With an external provider (production) that provider locks, and
 * this list is empty.
 */
@Service
public class SignInLocks {

    /** A locked account ({@code account:…}), API client ({@code client:…}) or address ({@code address:…}). */
    public record Locked(String who, int failures, Instant until) {
    }

    private final List<SignInThrottle> throttles;

    SignInLocks(List<SignInThrottle> throttles) {
        this.throttles = throttles;
    }

    @PreAuthorize("hasRole('STEWARD')")
    public List<Locked> locked() {
        return throttles.stream().flatMap(t -> t.locks().stream())
                .map(l -> new Locked(l.key(), l.failures(), l.until())).toList();
    }

    @PreAuthorize("hasRole('STEWARD')")
    public boolean unlock(String who) {
        boolean any = false;
        for (SignInThrottle throttle : throttles) {
            any |= throttle.unlock(who);
        }
        return any;
    }
}
