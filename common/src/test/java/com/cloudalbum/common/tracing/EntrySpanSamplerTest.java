package com.cloudalbum.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.junit.jupiter.api.Test;

class EntrySpanSamplerTest {

    private static final String TRACE = "6b025c71e4d1c0a2b3f4a5b6c7d8e9f0";
    private final Sampler always = EntrySpanSampler.parentBased(1.0);

    @Test
    void rootServerAndConsumerSpans_areSampledAtTheRatio() {
        assertThat(decide(always, Context.root(), SpanKind.SERVER)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        assertThat(decide(always, Context.root(), SpanKind.CONSUMER)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        assertThat(decide(EntrySpanSampler.parentBased(0.0), Context.root(), SpanKind.SERVER)).isEqualTo(SamplingDecision.DROP);
    }

    @Test
    void rootClientSpan_backgroundWork_isDropped() {
        assertThat(decide(always, Context.root(), SpanKind.CLIENT)).isEqualTo(SamplingDecision.DROP);
        assertThat(decide(always, Context.root(), SpanKind.PRODUCER)).isEqualTo(SamplingDecision.DROP);
    }

    @Test
    void childSpans_followTheirParent() {
        Context sampled = parent(TraceFlags.getSampled());
        Context notSampled = parent(TraceFlags.getDefault());

        assertThat(decide(EntrySpanSampler.parentBased(0.0), sampled, SpanKind.CLIENT)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        assertThat(decide(always, notSampled, SpanKind.SERVER)).isEqualTo(SamplingDecision.DROP);
    }

    private static Context parent(TraceFlags flags) {
        return Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(TRACE, "53995c3f42cd8ad8", flags,
                TraceState.getDefault())));
    }

    private static SamplingDecision decide(Sampler sampler, Context parent, SpanKind kind) {
        return sampler.shouldSample(parent, TRACE, "span", kind, Attributes.empty(), List.of()).getDecision();
    }
}
