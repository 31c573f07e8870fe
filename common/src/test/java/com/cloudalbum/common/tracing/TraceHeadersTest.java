package com.cloudalbum.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

class TraceHeadersTest {

    @Test
    void current_inASpan_isItsXrayHeader_andEmptyOutsideAnyTrace() {
        Context span = Context.root().with(Span.wrap(SpanContext.create("6b025c71e4d1c0a2b3f4a5b6c7d8e9f0",
                "53995c3f42cd8ad8", TraceFlags.getSampled(), TraceState.getDefault())));

        try (Scope scope = span.makeCurrent()) {
            assertThat(TraceHeaders.current()).contains("Root=1-6b025c71-e4d1c0a2b3f4a5b6c7d8e9f0;Parent=53995c3f42cd8ad8;Sampled=1");
        }
        assertThat(TraceHeaders.current()).isEmpty();
    }

    @Test
    void hasParent_onlyForHeadersATraceCanContinueFrom() {
        assertThat(TraceHeaders.hasParent("Root=1-6b025c71-e4d1c0a2b3f4a5b6c7d8e9f0;Parent=53995c3f42cd8ad8;Sampled=1")).isTrue();
        assertThat(TraceHeaders.hasParent("Root=1-6b025c71-e4d1c0a2b3f4a5b6c7d8e9f0;Parent=53995c3f42cd8ad8;Sampled=0")).isTrue();
        assertThat(TraceHeaders.hasParent("Root=1-6b025c71-e4d1c0a2b3f4a5b6c7d8e9f0")).as("Root only, as an ALB adds").isFalse();
        assertThat(TraceHeaders.hasParent("garbage")).isFalse();
        assertThat(TraceHeaders.hasParent("")).isFalse();
        assertThat(TraceHeaders.hasParent(null)).isFalse();
    }
}
