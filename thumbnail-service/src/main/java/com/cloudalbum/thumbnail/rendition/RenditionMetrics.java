package com.cloudalbum.thumbnail.rendition;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * {@code thumbnail.processed} (photos made READY), {@code thumbnail.failed} (by reason, per failed try),
 * {@code thumbnail.skipped} (by outcome) and {@code thumbnail.lag}, upload event to READY. Queue depth, what ECS
 * scales on, comes from CloudWatch's SQS metrics rather than from here.
 */
@Component
class RenditionMetrics {

    private final MeterRegistry registry;
    private final Counter processed;
    private final Timer lag;

    RenditionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.processed = Counter.builder("thumbnail.processed").description("photos made READY").register(registry);
        this.lag = Timer.builder("thumbnail.lag").description("from the upload's S3 event to READY")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
    }

    void processed(Duration uploadToReady) {
        processed.increment();
        lag.record(uploadToReady.isNegative() ? Duration.ZERO : uploadToReady);
    }

    void failed(String reason) {
        registry.counter("thumbnail.failed", "reason", reason).increment();
    }

    void skipped(RenditionService.Outcome outcome) {
        registry.counter("thumbnail.skipped", "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).increment();
    }
}
