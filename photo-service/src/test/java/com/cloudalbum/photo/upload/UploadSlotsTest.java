package com.cloudalbum.photo.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class UploadSlotsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final UploadSlots slots = new UploadSlots(1);

    @Test
    void withSlot_whenAllTaken_waitsUntilOneIsReleased() {
        Sinks.Empty<Void> first = Sinks.empty();
        StepVerifier.create(slots.withSlot(WAIT, IllegalStateException::new, () -> first.asMono().thenReturn("first")))
                .then(() -> StepVerifier.create(slots.withSlot(WAIT, IllegalStateException::new, () -> Mono.just("second")))
                        .expectSubscription()
                        .expectNoEvent(Duration.ofMillis(100))
                        .then(first::tryEmitEmpty)
                        .expectNext("second")
                        .verifyComplete())
                .expectNext("first")
                .verifyComplete();
        assertThat(slots.available()).isEqualTo(1);
    }

    @Test
    void withSlot_whenNoneFreesInTime_failsWithBusyAndLeavesNoWaiter() {
        Sinks.Empty<Void> first = Sinks.empty();
        StepVerifier.create(slots.withSlot(WAIT, IllegalStateException::new, first::asMono))
                .then(() -> StepVerifier.withVirtualTime(() ->
                                slots.withSlot(Duration.ofSeconds(60), () -> new IllegalStateException("busy"), () -> Mono.just("late")))
                        .thenAwait(Duration.ofSeconds(61))
                        .verifyErrorMessage("busy"))
                .then(first::tryEmitEmpty)
                .verifyComplete();
        assertThat(slots.available()).as("the timed-out waiter took nothing").isEqualTo(1);
    }

    @Test
    void withSlot_whenWorkFails_givesTheSlotBack() {
        StepVerifier.create(slots.withSlot(WAIT, IllegalStateException::new, () -> Mono.error(new RuntimeException("boom"))))
                .verifyErrorMessage("boom");

        assertThat(slots.available()).isEqualTo(1);
    }

    @Test
    void withSlot_whenCancelled_givesTheSlotBack() {
        StepVerifier.create(slots.withSlot(WAIT, IllegalStateException::new, Mono::never))
                .expectSubscription()
                .thenCancel()
                .verify();

        assertThat(slots.available()).isEqualTo(1);
    }

    @Test
    void slotCount_whenNotConfigured_keepsWhatUploadsHoldWithinAThirdOfTheHeap() {
        long mib = 1024 * 1024;
        long multipart = 5 * mib + UploadService.METADATA_PREFIX;
        long raw = UploadService.METADATA_PREFIX + UploadService.RAW_CHUNKS;

        assertThat(UploadService.slotCount(0, multipart, 384 * mib)).isEqualTo(24);
        assertThat(UploadService.slotCount(0, multipart, 96 * mib)).isEqualTo(6);
        assertThat(UploadService.slotCount(0, raw, 96 * mib)).isEqualTo(64);
        assertThat(UploadService.slotCount(0, raw, 384 * mib)).isEqualTo(256);
        assertThat(UploadService.slotCount(0, multipart, 4 * mib)).isEqualTo(1);
        assertThat(UploadService.slotCount(12, multipart, 96 * mib)).isEqualTo(12);
    }
}
