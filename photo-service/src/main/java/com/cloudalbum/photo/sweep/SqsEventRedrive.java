package com.cloudalbum.photo.sweep;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import com.cloudalbum.common.tracing.TraceScope;
import com.cloudalbum.photo.config.PhotoProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The event S3 sends for a new object (the fields thumbnail-service reads), posted to the thumbnail queue. Keys are
 * form-encoded as S3 encodes them in notifications.
 */
@Component
class SqsEventRedrive implements EventRedrive {

    private final SqsAsyncClient sqs;
    private final @Nullable String queue;
    private final Clock clock;
    private final Mono<String> queueUrl;

    SqsEventRedrive(SqsAsyncClient sqs, PhotoProperties properties, Clock clock) {
        this.sqs = sqs;
        this.queue = properties.sweeper().thumbnailQueue();
        this.clock = clock;
        this.queueUrl = Mono.defer(() -> TraceScope.future(() -> sqs.getQueueUrl(r -> r.queueName(queue))))
                .map(response -> response.queueUrl())
                .cache(url -> Duration.ofDays(365), e -> Duration.ZERO, () -> Duration.ZERO);
    }

    @Override
    public boolean enabled() {
        return queue != null && !queue.isBlank();
    }

    @Override
    public Mono<Void> redrive(String bucket, String key) {
        String body = event(bucket, key, DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        return queueUrl.flatMap(url -> TraceScope.future(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody(body)))).then();
    }

    static String event(String bucket, String key, String eventTime) {
        String encodedKey = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
        return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventTime\":\"" + eventTime + "\","
                + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"s3SchemaVersion\":\"1.0\","
                + "\"configurationId\":\"cloudalbum-sweeper-redrive\",\"bucket\":{\"name\":\"" + bucket + "\","
                + "\"arn\":\"arn:aws:s3:::" + bucket + "\"},\"object\":{\"key\":\"" + encodedKey + "\"}}}]}";
    }
}
