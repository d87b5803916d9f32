package jp.tsunagu.shared;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate limits by key: each key has a bucket of {@code capacity} tokens that refills at
 * {@code perMinute} tokens a minute; a request takes one, or learns how long until one is there.
 * In memory per node; keys that have been full for a while are dropped, so a flood of distinct keys
 * cannot grow it without bound.
 */
public final class TokenBuckets {

    private record Bucket(double tokens, long atNanos) {
    }

    private static final int MAX_KEYS = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final double capacity;
    private final double perNano;
    private final Clock clock;

    public TokenBuckets(int capacity, int perMinute, Clock clock) {
        this.capacity = capacity;
        this.perNano = perMinute / 60e9;
        this.clock = clock;
    }

    /** Takes a token for {@code key}: empty when allowed, else how long until the next token. */
    public Optional<Duration> take(String key) {
        long now = nanos();
        if (buckets.size() >= MAX_KEYS) {
            buckets.entrySet().removeIf(e -> refilled(e.getValue(), now) >= capacity);
        }
        var verdict = new Object() {
            Duration wait;
        };
        buckets.compute(key, (k, old) -> {
            double tokens = old == null ? capacity : refilled(old, now);
            if (tokens >= 1) {
                return new Bucket(tokens - 1, now);
            }
            verdict.wait = Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
            return new Bucket(tokens, now);
        });
        return Optional.ofNullable(verdict.wait);
    }

    private double refilled(Bucket bucket, long now) {
        return Math.min(capacity, bucket.tokens() + (now - bucket.atNanos()) * perNano);
    }

    private long nanos() {
        return clock.millis() * 1_000_000L;
    }
}
