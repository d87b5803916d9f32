package jp.tsunagu.research.release;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jp.tsunagu.research.Released;
import org.roaringbitmap.RoaringBitmap;

/**
 * The deterministic adjustment every released count of people carries: a whole number drawn from a two-sided
 * geometric distribution (P(k) proportional to 0.6^|k|: 0 a quarter of the time, within ±3 about eight times in ten,
 * any size possible), from a keyed hash of exactly who was counted. The same people always give the same figure,
 * so asking again teaches nothing; different groups get independent adjustments, so a sum or difference of several
 * released figures (A + B − (A or B), total minus cells, day minus day) is off by several of them. The adjustment
 * has no bound: an unusual figure never proves where the truth lies. Suppression of 1–10 stays underneath
 * (ADR 0009). Without the key (kept in the database, never shown) the adjustment cannot be undone.
 */
public final class Perturbation {

    /** What the screens state as the typical size ("±3 程度"): about eight adjustments in ten are within it. */
    public static final int TYPICAL = 3;

    /** The ratio of the geometric tails: each step further out is 0.6 times as likely. */
    static final double RATIO = 0.6;

    private final byte[] key;

    public Perturbation(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the adjustment key is too short");
        }
        this.key = Arrays.copyOf(key, key.length);
    }

    /** A geometric draw (P(g) = 0.4 × 0.6^g, g >= 0) from 53 random bits, by inverting its distribution. */
    static int geometric(long bits) {
        double u = ((bits >>> 11) + 0.5) / (1L << 53); // in (0, 1), never 0
        return (int) Math.min(1_000, Math.floor(Math.log(u) / Math.log(RATIO)));
    }

    /** The figure of these people as released: suppressed when 1–10, else adjusted. */
    public Released release(RoaringBitmap members) {
        long count = members.getLongCardinality();
        return release(count, members);
    }

    /**
     * A count of {@code count} things (people, or events of {@code members}) released with the adjustment of
     * exactly those: the same people with the same count always read the same.
     */
    public Released release(long count, RoaringBitmap members) {
        return Released.adjusted(count, count + offset(count, members));
    }

    /** The adjustment of this count of these people: the difference of two geometric draws from the hash. */
    int offset(long count, RoaringBitmap members) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            buffer.putLong(count);
            for (var it = members.getIntIterator(); it.hasNext(); ) {
                if (buffer.remaining() < 4) {
                    mac.update(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
                buffer.putInt(it.next());
            }
            mac.update(buffer.array(), 0, buffer.position());
            ByteBuffer hash = ByteBuffer.wrap(mac.doFinal());
            return geometric(hash.getLong()) - geometric(hash.getLong());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
