package com.cloudalbum.common.tracing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.contrib.awsxray.propagator.AwsXrayPropagator;
import org.jspecify.annotations.Nullable;

/**
 * The X-Ray trace header ({@code Root=1-…;Parent=…;Sampled=1}) where a trace has to cross something
 * that is not an HTTP call the instrumentation sees: an S3 object's user metadata, an SQS message's
 * {@code AWSTraceHeader} attribute.
 */
public final class TraceHeaders {

    public static final String XRAY = "X-Amzn-Trace-Id";

    /**
     * The user-metadata key under which photo-service stores the upload's trace header on the
     * original ({@code x-amz-meta-trace}), for consumers of S3 events that arrive without one.
     */
    public static final String OBJECT_METADATA_KEY = "trace";

    private static final TextMapGetter<String> HEADER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(XRAY);
        }

        @Override
        public @Nullable String get(@Nullable String carrier, String key) {
            return XRAY.equalsIgnoreCase(key) ? carrier : null;
        }
    };

    private TraceHeaders() {
    }

    /** The X-Ray header of the span current on this thread, empty outside any trace. */
    public static Optional<String> current() {
        Map<String, String> carrier = new HashMap<>();
        AwsXrayPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return Optional.ofNullable(carrier.get(XRAY));
    }

    /**
     * Whether a trace can continue from the header: it must name a parent span. A Root-only header
     * (as a load balancer adds) or a malformed one would start a new trace instead.
     */
    public static boolean hasParent(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return false;
        }
        Context extracted = AwsXrayPropagator.getInstance().extract(Context.root(), header, HEADER);
        return Span.fromContext(extracted).getSpanContext().isValid();
    }
}
