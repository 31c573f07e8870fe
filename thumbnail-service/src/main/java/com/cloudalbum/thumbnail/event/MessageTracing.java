package com.cloudalbum.thumbnail.event;

import java.util.function.Supplier;

import com.cloudalbum.common.tracing.TraceHeaders;
import com.cloudalbum.thumbnail.config.ThumbnailProperties;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.ReceiverContext;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One consumer span per message that has work in it, in the trace of the upload that caused it. The parent comes
 * from the message's {@code AWSTraceHeader} (S3 sets it from the trace header of the write request; so does the
 * local stack's event hook), else from the header photo-service stored in the original's metadata (S3 sends none
 * for presigned, console or lifecycle writes). With neither, the span starts a new trace.
 *
 * <p>Spring Cloud AWS's own listener observation is not used: it looks for propagation fields among the message
 * headers by their HTTP names, never finds {@code AWSTraceHeader}, and has no way to fall back to the object.
 */
@Component
class MessageTracing {

    static final String OBSERVATION = "album.thumbnail.message";

    private final ObservationRegistry registry;
    private final String queueName;

    MessageTracing(ObservationRegistry registry, ThumbnailProperties properties) {
        this.registry = registry;
        this.queueName = properties.queueName();
    }

    /**
     * Runs {@code work} in the message's span: the span is current wherever the work goes (Reactor restores it on
     * every thread), so SDK calls become its children and log lines carry its trace id.
     *
     * @param uploadTrace the trace header stored with the object, asked for only when the message has none
     */
    <T> Mono<T> process(Message<?> message, Supplier<Mono<String>> uploadTrace, Mono<T> work) {
        @Nullable String awsTraceHeader = message.getHeaders()
                .get(SqsHeaders.MessageSystemAttributes.SQS_AWS_TRACE_HEADER, String.class);
        Mono<String> parent = TraceHeaders.hasParent(awsTraceHeader)
                ? Mono.just(awsTraceHeader)
                : Mono.defer(uploadTrace).filter(TraceHeaders::hasParent);
        return parent.defaultIfEmpty("").flatMap(header -> {
            Observation observation = Observation.createNotStarted(OBSERVATION, () -> receiverContext(header), registry)
                    .contextualName(queueName + " process")
                    .lowCardinalityKeyValue("messaging.system", "aws_sqs")
                    .lowCardinalityKeyValue("messaging.operation", "process")
                    .lowCardinalityKeyValue("messaging.destination.name", queueName)
                    .highCardinalityKeyValue("messaging.message.id", String.valueOf(message.getHeaders().getId()));
            return Mono.defer(() -> {
                        observation.start();
                        return work.contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, observation));
                    })
                    .doOnError(observation::error)
                    .doFinally(signal -> observation.stop());
        });
    }

    /** Offers the header to the propagators under its HTTP name; the X-Ray propagator reads it. */
    private static ReceiverContext<String> receiverContext(String traceHeader) {
        ReceiverContext<String> context = new ReceiverContext<>(
                (carrier, key) -> TraceHeaders.XRAY.equalsIgnoreCase(key) && !carrier.isEmpty() ? carrier : null);
        context.setCarrier(traceHeader);
        context.setRemoteServiceName("sqs");
        return context;
    }
}
