package com.cloudalbum.common.test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.awaitility.Awaitility;

/**
 * The application's finished spans, in memory, as each ends: Boot adds every {@link SpanProcessor}
 * bean to its tracer provider, so {@code @Import(TestSpans.class)} is all a test needs. Unlike an
 * exporter bean (which Boot puts behind its batch processor), nothing waits for a batch.
 */
public class TestSpans implements SpanProcessor {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SpanProcessor delegate = SimpleSpanProcessor.create(exporter);

    public List<SpanData> all() {
        return exporter.getFinishedSpanItems();
    }

    public List<SpanData> trace(String traceId) {
        return all().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    /** The first finished span that matches, waiting up to 10 s for it. */
    public SpanData await(Predicate<SpanData> matching) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> all().stream().filter(matching).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /** A trace id as X-Ray makes them (epoch seconds first), not yet used by anything. */
    public static String newTraceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("%08x%08x%016x", System.currentTimeMillis() / 1000, random.nextInt(), random.nextLong());
    }

    public static String newSpanId() {
        return String.format("%016x", ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    }

    /** {@code Root=1-…-…;Parent=…;Sampled=1}, as an upstream X-Ray-instrumented caller sends it. */
    public static String xrayHeader(String traceId, String parentSpanId) {
        return "Root=1-" + traceId.substring(0, 8) + "-" + traceId.substring(8) + ";Parent=" + parentSpanId + ";Sampled=1";
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        delegate.onEnd(span);
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }
}
