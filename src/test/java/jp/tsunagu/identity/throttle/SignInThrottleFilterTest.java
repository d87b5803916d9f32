package jp.tsunagu.identity.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What a typed name may do to a log line, and how the throttle counts. */
class SignInThrottleFilterTest {

    @Test
    void aTypedName_cannotForgeALogLine() {
        String forged = SignInThrottleFilter.loggable("account:evil\n2026-12-07 INFO Signed in: steward\r\u0000");
        assertThat(forged).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u0000");
        assertThat(SignInThrottleFilter.loggable("x".repeat(500))).hasSizeLessThanOrEqualTo(81);
    }

    @Test
    void failuresGrowTheDelay_thenLock_andASuccessClearsThem() {
        var clock = Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);
        var throttle = new SignInThrottle(3, 10, Duration.ofMinutes(15), clock);
        List<String> key = List.of("account:someone");
        for (int i = 0; i < 2; i++) {
            assertThat(throttle.admit(key)).isInstanceOf(SignInThrottle.Verdict.Go.class);
            throttle.failed("account:someone");
        }
        assertThat(throttle.admit(key)).as("two failures: no delay yet").isInstanceOf(SignInThrottle.Verdict.Go.class);
        throttle.failed("account:someone");
        assertThat(throttle.admit(key)).as("three failures: wait").isInstanceOf(SignInThrottle.Verdict.Wait.class);
        for (int i = 0; i < 10; i++) {
            throttle.admit(key);
        }
        assertThat(throttle.admit(key)).isInstanceOf(SignInThrottle.Verdict.Locked.class);
        assertThat(throttle.locks()).extracting(SignInThrottle.Lock::key).containsExactly("account:someone");
        throttle.succeeded("account:someone");
        assertThat(throttle.admit(key)).isInstanceOf(SignInThrottle.Verdict.Go.class);
    }
}
