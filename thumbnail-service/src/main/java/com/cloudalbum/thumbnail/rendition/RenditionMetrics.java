package com.cloudalbum.thumbnail.rendition;

import java.time.Duration;
import java.util.Locale;

import com.cloudalbum.contract.photo.FailureReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * {@code thumbnail.processed} (photos made READY), {@code thumbnail.failed} (photos marked FAILED, by reason),
 * {@code thumbnail.skipped} (by outcome), {@code thumbnail.deferred} (events that found the photo still UPLOADING
 * and wait for another try), {@code thumbnail.bad_events} (messages that were not S3 events) and {@code thumbnail.lag}, upload event to READY. Queue depth, what ECS scales on,
 * comes from CloudWatch's SQS metrics rather than from here.
 */
@Component
class RenditionMetrics {

    private final MeterRegistry registry;
    private final Counter processed;
    private final Counter deferred;
    private final Counter badEvents;
    private final Timer lag;

    RenditionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.processed = Counter.builder("thumbnail.processed").description("photos made READY").register(registry);
        this.deferred = Counter.builder("thumbnail.deferred")
                .description("events that found their photo still UPLOADING and are tried again later")
                .register(registry);
        this.badEvents = Counter.builder("thumbnail.bad_events")
                .description("messages that were not S3 events, acknowledged without work").register(registry);
        this.lag = Timer.builder("thumbnail.lag").description("from the upload's S3 event to READY")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
    }

    void processed(Duration uploadToReady) {
        processed.increment();
        lag.record(uploadToReady.isNegative() ? Duration.ZERO : uploadToReady);
    }

    /** One per photo marked FAILED for this reason (a permanent failure, or the last try of transient ones). */
    void failed(FailureReason reason) {
        registry.counter("thumbnail.failed", "reason", reason.code()).increment();
    }

    void skipped(RenditionService.Outcome outcome) {
        registry.counter("thumbnail.skipped", "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
    }

    void deferred() {
        deferred.increment();
    }

    void badEvent() {
        badEvents.increment();
    }
}
