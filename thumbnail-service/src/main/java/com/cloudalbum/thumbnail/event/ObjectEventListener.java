package com.cloudalbum.thumbnail.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import com.cloudalbum.contract.photo.PhotoKey;
import com.cloudalbum.thumbnail.config.ThumbnailProperties;
import com.cloudalbum.thumbnail.event.S3EventParser.MalformedEventException;
import com.cloudalbum.thumbnail.rendition.CreateRenditions;
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
 * S3 events from SQS (and photo-service's sweeper's re-drives, which look the same) → one {@link CreateRenditions}
 * per new original. The returned future completes when the work is stored, or the photo marked FAILED for a
 * reason retrying cannot fix, and only then is the message deleted (acknowledgement on success); an error (S3 or
 * DynamoDB failing, a timeout, a photo still UPLOADING) leaves it on the queue for the backoff error handler, and
 * after the queue's max receives SQS moves it to the dead-letter queue. A body that is not an S3 event is logged
 * and acknowledged: retrying it would only fill the dead-letter queue.
 */
@Component
class ObjectEventListener {

    private static final Logger log = LoggerFactory.getLogger(ObjectEventListener.class);

    private static final int MAX_LOGGED_BODY = 1024;
    private static final Pattern SOURCE_IP = Pattern.compile("(\"sourceIPAddress\"\\s*:\\s*)\"[^\"]*\"");

    private final RenditionService renditions;
    private final MessageTracing tracing;
    private final S3EventParser parser;
    private final JsonMapper json;
    private final ThumbnailProperties properties;
    private final Clock clock;

    ObjectEventListener(RenditionService renditions, MessageTracing tracing, JsonMapper json,
            ThumbnailProperties properties, Clock clock) {
        this.renditions = renditions;
        this.tracing = tracing;
        this.parser = new S3EventParser(json);
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    @SqsListener(value = "${album.thumbnail.queue-name}", factory = ObjectEventListenerConfiguration.FACTORY)
    CompletableFuture<Void> onMessage(Message<String> message, Visibility visibility) {
        int receiveCount = receiveCount(message);
        boolean lastTry = receiveCount >= maxReceives(message);
        String messageId = String.valueOf(message.getHeaders().getId()); // the SQS message id
        String body = message.getPayload();
        return Mono.fromCallable(() -> commands(body, sentAt(message)))
                // not an S3 event: the same body fails the same way on every try, so it is dropped, not retried
                .onErrorResume(MalformedEventException.class,
                        e -> reject(body, e, messageId, lastTry).then(Mono.<List<CreateRenditions>>empty()))
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
    private List<CreateRenditions> commands(String body, Instant sentAt) {
        return parser.parse(body, sentAt).stream()
                .filter(event -> event.created() && properties.bucket().equals(event.bucket()))
                .<CreateRenditions>mapMulti((event, commands) -> {
                    PhotoKey original = PhotoKey.parseOriginal(event.key()); // null: a rendition or anything else
                    if (original != null) {
                        commands.accept(new CreateRenditions(original, event.eventTime(), event.size()));
                    }
                })
                .toList();
    }

    /**
     * Drops a message that is not an S3 event, marking the photos it names FAILED {@code bad-event} (see
     * {@link RenditionService#rejectEvent}). Only when that write fails is the message tried again, and on its last
     * try it is dropped anyway: a photo left PROCESSING is photo-service's sweeper's to re-drive.
     */
    private Mono<Void> reject(String body, MalformedEventException e, String messageId, boolean lastTry) {
        Set<PhotoKey> photos = S3EventParser.originalsMentioned(body);
        return renditions.rejectEvent(photos)
                .doOnNext(marked -> log.error("dropping message {}, {}; photos named {}, marked FAILED {}; body: {}",
                        messageId, e.getMessage(), photos.size(), marked, excerpt(body)))
                .onErrorResume(markFailure -> lastTry, markFailure -> {
                    log.error("dropping message {}, {}; marking its {} photos FAILED failed too ({}); body: {}",
                            messageId, e.getMessage(), photos.size(), markFailure.toString(), excerpt(body));
                    return Mono.empty();
                })
                .then();
    }

    /** Enough of a body to recognise it, without the uploader's IP address S3 puts into real events. */
    static String excerpt(String body) {
        String redacted = SOURCE_IP.matcher(body).replaceAll("$1\"-\"");
        return redacted.length() <= MAX_LOGGED_BODY ? redacted
                : redacted.substring(0, MAX_LOGGED_BODY) + "… (" + redacted.length() + " chars)";
    }

    /** When SQS got the message; stands in for an event time that is missing or unreadable. */
    private Instant sentAt(Message<String> message) {
        @Nullable Object sent = message.getHeaders().get(SqsHeaders.MessageSystemAttributes.SQS_SENT_TIMESTAMP);
        if (sent != null) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(sent.toString()));
            }
            catch (NumberFormatException e) {
                // fall through: now is close enough for a lag metric
            }
        }
        return clock.instant();
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
