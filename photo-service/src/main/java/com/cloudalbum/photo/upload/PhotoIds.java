package com.cloudalbum.photo.upload;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;

/**
 * Makes photo ids: <a href="https://github.com/ulid/spec">ULIDs</a>, 26 characters of Crockford
 * base32 holding a 48-bit millisecond timestamp and 80 random bits. Ids sort as text in the order
 * they were made (the range key of a user's photos), also within one millisecond: there the random
 * part of the previous id is incremented instead of drawn again.
 *
 * <p>Thread-safe. The random source is a DRBG seeded once in the constructor, so {@link #next()}
 * does no I/O afterwards (the default {@code NativePRNG} reads {@code /dev/urandom} on every call)
 * and is safe to call from an event loop.
 */
public final class PhotoIds {

    /** Length of an id. */
    public static final int LENGTH = 26;

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final byte[] VALUES = new byte[128];
    private static final long MAX_TIME = (1L << 48) - 1;
    private static final long RANDOM_HIGH_MASK = 0xFFFFL;

    static {
        Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = (byte) i;
        }
    }

    private final Clock clock;
    private final SecureRandom random;

    // guarded by this: the last id's time and its 80 random bits (16 high, 64 low)
    private long lastMillis = -1;
    private long randomHigh;
    private long randomLow;

    public PhotoIds() {
        this(Clock.systemUTC());
    }

    public PhotoIds(Clock clock) {
        this(clock, seededDrbg());
    }

    PhotoIds(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** A new id, greater than every id this instance made before. */
    public String next() {
        long millis;
        long high;
        long low;
        synchronized (this) {
            long now = clock.millis();
            if (now > lastMillis) {
                lastMillis = now;
                randomHigh = random.nextLong() & RANDOM_HIGH_MASK;
                randomLow = random.nextLong();
            } else {
                // same millisecond, or the clock went back: count up from the last id
                incrementRandom();
            }
            if (lastMillis > MAX_TIME) {
                throw new IllegalStateException("clock beyond the ULID range (year 10889)");
            }
            millis = lastMillis;
            high = randomHigh;
            low = randomLow;
        }
        return encode(millis << 16 | high, low);
    }

    // guarded by this
    private void incrementRandom() {
        if (++randomLow == 0) {
            randomHigh = (randomHigh + 1) & RANDOM_HIGH_MASK;
            if (randomHigh == 0) {
                // 2^80 ids in one millisecond cannot happen by chance; borrow the next millisecond
                // rather than fail or wait
                lastMillis++;
            }
        }
    }

    /** When the id was made, to the millisecond. */
    public static Instant timeOf(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("not a photo id: " + id);
        }
        long millis = 0;
        for (int i = 0; i < 10; i++) {
            millis = millis << 5 | VALUES[id.charAt(i)];
        }
        return Instant.ofEpochMilli(millis);
    }

    /**
     * Whether {@code id} is a ULID in canonical form: 26 upper-case Crockford characters, the first at
     * most {@code 7} (128 bits). Lower case and the aliases I, L, O are refused so one id has one spelling.
     */
    public static boolean isValid(String id) {
        if (id.length() != LENGTH || id.charAt(0) > '7') {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = id.charAt(i);
            if (c >= VALUES.length || VALUES[c] < 0) {
                return false;
            }
        }
        return true;
    }

    private static String encode(long high, long low) {
        char[] chars = new char[LENGTH];
        for (int i = LENGTH - 1; i >= 0; i--) {
            chars[i] = ALPHABET[(int) (low & 31)];
            low = low >>> 5 | high << 59;
            high >>>= 5;
        }
        return new String(chars);
    }

    private static SecureRandom seededDrbg() {
        try {
            SecureRandom drbg = SecureRandom.getInstance("DRBG");
            drbg.nextLong(); // seeds now, at construction, not on the first request
            return drbg;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no DRBG SecureRandom in this JVM", e);
        }
    }
}
