package jp.tsunagu.research.release;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jp.tsunagu.research.Released;
import org.roaringbitmap.RoaringBitmap;

/**
 * The deterministic adjustment every released count of people carries: a whole number from −{@value #SPREAD}
 * to +{@value #SPREAD}, drawn from a keyed hash of exactly who was counted. The same people always give the
 * same figure, so asking again teaches nothing; two different groups get independent adjustments, so a sum
 * or difference of several released figures (A + B − (A or B), total minus cells, day minus day) is off by
 * several adjustments and never pins a group of 1–10 people down. Suppression of 1–10 stays underneath
 * (ADR 0009). Without the key (kept in the database, never shown) the adjustment cannot be undone.
 */
public final class Perturbation {

    /** The largest adjustment either way; the screens state it ("±3 程度"). */
    public static final int SPREAD = 3;

    private final byte[] key;

    public Perturbation(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the adjustment key is too short");
        }
        this.key = Arrays.copyOf(key, key.length);
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

    /** The adjustment of this count of these people, from −SPREAD to +SPREAD, uniformly. */
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
            long h = ByteBuffer.wrap(mac.doFinal()).getLong() >>> 1;
            return (int) (h % (2 * SPREAD + 1)) - SPREAD;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
