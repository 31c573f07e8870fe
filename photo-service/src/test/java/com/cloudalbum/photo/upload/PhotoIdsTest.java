package com.cloudalbum.photo.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class PhotoIdsTest {

    // the example in the ULID spec and the time it encodes
    private static final String SPEC_ID = "01ARYZ6S41TSV4RRFFQ69G5FAV";
    private static final long SPEC_MILLIS = 1469918176385L;

    @Test
    void next_fromFourThreads_allDistinctValidAndIncreasingPerThread() throws Exception {
        PhotoIds ids = new PhotoIds();
        int threads = 4;
        int perThread = 25_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<String> made = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        made.add(ids.next());
                    }
                    return made;
                }));
            }
            start.countDown();

            Set<String> all = new HashSet<>();
            for (Future<List<String>> result : results) {
                List<String> made = result.get(30, TimeUnit.SECONDS);
                assertThat(made).allMatch(PhotoIds::isValid);
                assertThat(made).isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
                all.addAll(made);
            }
            assertThat(all).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void next_withinOneMillisecond_incrementsAndKeepsTime() {
        PhotoIds ids = new PhotoIds(Clock.fixed(Instant.ofEpochMilli(SPEC_MILLIS), ZoneOffset.UTC), new SecureRandom());

        String first = ids.next();
        String second = ids.next();

        assertThat(second).isGreaterThan(first);
        assertThat(first).startsWith("01ARYZ6S41");
        assertThat(second).startsWith("01ARYZ6S41");
    }

    @Test
    void next_whenClockGoesBack_staysIncreasing() {
        AtomicLong now = new AtomicLong(SPEC_MILLIS);
        PhotoIds ids = new PhotoIds(clock(now), new SecureRandom());

        String before = ids.next();
        now.addAndGet(-5_000);
        String after = ids.next();

        assertThat(after).isGreaterThan(before);
    }

    @Test
    void next_whenRandomPartOverflows_movesToNextMillisecond() {
        PhotoIds ids = new PhotoIds(Clock.fixed(Instant.ofEpochMilli(SPEC_MILLIS), ZoneOffset.UTC), allOnes());

        String max = ids.next();
        String next = ids.next();

        assertThat(max).endsWith("ZZZZZZZZZZZZZZZZ");
        assertThat(next).isGreaterThan(max).endsWith("0000000000000000");
        assertThat(PhotoIds.timeOf(next)).isEqualTo(Instant.ofEpochMilli(SPEC_MILLIS + 1));
    }

    @Test
    void timeOf_newId_isWithinASecondOfNow() {
        Instant time = PhotoIds.timeOf(new PhotoIds().next());

        assertThat(Duration.between(time, Instant.now()).abs()).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void timeOf_specExample_returnsItsTime() {
        assertThat(PhotoIds.timeOf(SPEC_ID)).isEqualTo(Instant.ofEpochMilli(SPEC_MILLIS));
    }

    @Test
    void timeOf_whenInvalid_throwsIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> PhotoIds.timeOf("not-an-id"));
    }

    @Test
    void isValid_canonicalIds_returnsTrue() {
        assertThat(PhotoIds.isValid(SPEC_ID)).isTrue();
        assertThat(PhotoIds.isValid("00000000000000000000000000")).isTrue();
        assertThat(PhotoIds.isValid("7ZZZZZZZZZZZZZZZZZZZZZZZZZ")).isTrue();
    }

    @Test
    void isValid_whenMalformed_returnsFalse() {
        assertThat(PhotoIds.isValid("")).isFalse();
        assertThat(PhotoIds.isValid(SPEC_ID.substring(1))).isFalse();
        assertThat(PhotoIds.isValid(SPEC_ID + "0")).isFalse();
        assertThat(PhotoIds.isValid("8ZZZZZZZZZZZZZZZZZZZZZZZZZ")).as("beyond 128 bits").isFalse();
        assertThat(PhotoIds.isValid(SPEC_ID.toLowerCase())).as("lower case").isFalse();
        assertThat(PhotoIds.isValid("01ARYZ6S41TSV4RRFFQ69G5FAI")).as("I is not in the alphabet").isFalse();
        assertThat(PhotoIds.isValid("01ARYZ6S41TSV4RRFFQ69G5FAU")).as("U is not in the alphabet").isFalse();
        assertThat(PhotoIds.isValid("01ARYZ6S41TSV4RRFFQ69G5FA\u00e9")).isFalse();
    }

    private static Clock clock(AtomicLong millis) {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis.get());
            }
        };
    }

    private static SecureRandom allOnes() {
        return new SecureRandom() {
            @Override
            public long nextLong() {
                return -1L;
            }
        };
    }
}
