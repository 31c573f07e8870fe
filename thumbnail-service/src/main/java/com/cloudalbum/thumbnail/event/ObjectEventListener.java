package com.cloudalbum.thumbnail.event;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.cloudalbum.thumbnail.config.ThumbnailProperties;
import com.cloudalbum.thumbnail.rendition.CreateRenditions;
import com.cloudalbum.thumbnail.rendition.OriginalKey;
import com.cloudalbum.thumbnail.rendition.RenditionService;
import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.listener.QueueAttributes;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.Visibility;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * S3 events from SQS → one {@link CreateRenditions} per new original. The returned future completes when the work
 * is stored, and only then is the message deleted (acknowledgement on success); an error leaves it on the queue
 * for the backoff error handler, and after the queue's max receives SQS moves it to the dead-letter queue.
 */
@Component
class ObjectEventListener {

    private static final Logger log = LoggerFactory.getLogger(ObjectEventListener.class);

    private final RenditionService renditions;
    private final MessageTracing tracing;
    private final S3EventParser parser;
    private final JsonMapper json;
    private final ThumbnailProperties properties;

    ObjectEventListener(RenditionService renditions, MessageTracing tracing, JsonMapper json,
            ThumbnailProperties properties) {
        this.renditions = renditions;
        this.tracing = tracing;
        this.parser = new S3EventParser(json);
        this.json = json;
        this.properties = properties;
    }

    @SqsListener(value = "${album.thumbnail.queue-name}", factory = ObjectEventListenerConfiguration.FACTORY)
    CompletableFuture<Void> onMessage(Message<String> message, Visibility visibility) {
        int receiveCount = receiveCount(message);
        boolean lastTry = receiveCount >= maxReceives(message);
        String messageId = String.valueOf(message.getHeaders().getId()); // the SQS message id
        return Mono.fromCallable(() -> commands(message.getPayload()))
                // not an S3 event: there is no work, so no span to log it in
                .doOnError(e -> logFailure(e, messageId, receiveCount, lastTry))
                // nothing to do (a rendition's own event, a removal, a test event): acknowledged without a span
                .filter(commands -> !commands.isEmpty())
                .flatMap(commands -> tracing.process(message,
                        () -> renditions.uploadTraceHeader(commands.get(0).original()),
                        Flux.fromIterable(commands)
                                .concatMap(command -> renditions.handle(command, lastTry))
                                .then()
                                .or(keepInvisible(visibility))
                                .doOnError(e -> logFailure(e, messageId, receiveCount, lastTry))))
                .toFuture();
    }

    /** The originals the message's S3 events created in the photo bucket, as commands. */
    private List<CreateRenditions> commands(String body) {
        return parser.parse(body).stream()
                .filter(event -> event.created() && properties.bucket().equals(event.bucket()))
                .<CreateRenditions>mapMulti((event, commands) -> {
                    OriginalKey original = OriginalKey.parse(event.key()); // null: a rendition or anything else
                    if (original != null) {
                        commands.accept(new CreateRenditions(original, event.eventTime(), event.size()));
                    }
                })
                .toList();
    }

    private static void logFailure(Throwable e, String messageId, int receiveCount, boolean lastTry) {
        if (lastTry) {
            log.error("giving up on message {} after {} receives; it goes to the dead-letter queue: {}", messageId,
                    receiveCount, e.toString());
        }
        else {
            log.warn("message {} failed on receive {}, will be retried: {}", messageId, receiveCount, e.toString());
        }
    }

    /** Renews the visibility every third of the timeout for as long as the work runs; never completes by itself. */
    private Mono<Void> keepInvisible(Visibility visibility) {
        Duration timeout = properties.visibilityTimeout();
        Duration every = timeout.dividedBy(3);
        return Flux.interval(every, every)
                .concatMap(tick -> Mono.fromFuture(() -> visibility.changeToAsync((int) timeout.toSeconds()))
                        .onErrorResume(e -> {
                            log.warn("could not extend a message's visibility: {}", e.toString());
                            return Mono.empty();
                        }))
                .then();
    }

    private static int receiveCount(Message<String> message) {
        Object count = message.getHeaders().get(SqsHeaders.MessageSystemAttributes.SQS_APPROXIMATE_RECEIVE_COUNT);
        return count == null ? 1 : Integer.parseInt(count.toString());
    }

    /** The queue's own redrive policy decides when SQS dead-letters a message; the property is the fallback. */
    private int maxReceives(Message<String> message) {
        @Nullable Object attributes = message.getHeaders().get(SqsHeaders.SQS_QUEUE_ATTRIBUTES_HEADER);
        if (attributes instanceof QueueAttributes queue) {
            @Nullable String policy = queue.getQueueAttribute(QueueAttributeName.REDRIVE_POLICY);
            if (policy != null) {
                JsonNode max = json.readTree(policy).path("maxReceiveCount");
                if (max.canConvertToInt() || max.isString()) {
                    return Integer.parseInt(max.asString());
                }
            }
        }
        return properties.maxReceives();
    }

    static List<QueueAttributeName> queueAttributes() {
        return List.of(QueueAttributeName.REDRIVE_POLICY);
    }
}
