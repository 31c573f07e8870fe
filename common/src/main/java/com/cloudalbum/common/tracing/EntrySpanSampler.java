package com.cloudalbum.common.tracing;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Decides for spans that have no parent: a trace starts where work enters (a request, a message) and
 * is sampled at the configured ratio. A client or producer span without a parent is background work
 * (the SQS listener's acknowledgements, a lookup made before a message's span exists) and is
 * dropped, so X-Ray holds no one-span traces of it. Spans with a parent follow the parent's decision.
 */
final class EntrySpanSampler implements Sampler {

    private final Sampler ratio;

    private EntrySpanSampler(Sampler ratio) {
        this.ratio = ratio;
    }

    static Sampler parentBased(double probability) {
        return Sampler.parentBased(new EntrySpanSampler(Sampler.traceIdRatioBased(probability)));
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
            Attributes attributes, List<LinkData> parentLinks) {
        if (spanKind == SpanKind.CLIENT || spanKind == SpanKind.PRODUCER) {
            return SamplingResult.drop();
        }
        return ratio.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return "EntrySpanSampler{" + ratio.getDescription() + "}";
    }
}
