package jp.tsunagu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** RFC 6238's own test vectors (SHA-1, secret "12345678901234567890"), six digits. */
class TotpTest {

    private static final String SECRET = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    void theRfcVectors() {
        assertThat(Totp.code(SECRET, Totp.stepAt(Instant.ofEpochSecond(59)))).isEqualTo("287082");
        assertThat(Totp.code(SECRET, Totp.stepAt(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
        assertThat(Totp.code(SECRET, Totp.stepAt(Instant.ofEpochSecond(1234567890)))).isEqualTo("005924");
        assertThat(Totp.code(SECRET, Totp.stepAt(Instant.ofEpochSecond(2000000000)))).isEqualTo("279037");
    }

    @Test
    void aCodeMatches_withinOneStepOfDrift_andNeverTwice() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long step = Totp.stepAt(now);
        String previous = Totp.code(SECRET, step - 1);
        assertThat(Totp.match(SECRET, previous, now, 0)).hasValue(step - 1);
        assertThat(Totp.match(SECRET, previous, now, step - 1)).as("already used").isEmpty();
        assertThat(Totp.match(SECRET, Totp.code(SECRET, step - 2), now, 0)).as("too old").isEmpty();
        assertThat(Totp.match(SECRET, "12345", now, 0)).isEmpty();
        assertThat(Totp.match(SECRET, "005 924", now, 0)).hasValue(step);
    }

    @Test
    void base32_roundTrips() {
        byte[] bytes = Totp.unbase32(Totp.newSecret());
        assertThat(bytes).hasSize(20);
        assertThat(Totp.unbase32(Totp.base32(bytes))).isEqualTo(bytes);
    }
}
