package com.cloudalbum.thumbnail.event;

import java.time.Duration;

import com.cloudalbum.thumbnail.config.ThumbnailProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import tools.jackson.databind.json.JsonMapper;

@Component
class SqsObjectEventQueue implements ObjectEventQueue {

    private final SqsAsyncClient sqs;
    private final ThumbnailProperties properties;
    private final S3EventParser parser;
    /** Resolved once, on first use, and cached by Reactor: the URL never changes for a queue name. */
    private final Mono<String> queueUrl;

    SqsObjectEventQueue(SqsAsyncClient sqs, ThumbnailProperties properties, JsonMapper json) {
        this.sqs = sqs;
        this.properties = properties;
        this.parser = new S3EventParser(json);
        this.queueUrl = Mono.fromFuture(() -> sqs.getQueueUrl(r -> r.queueName(properties.queueName())))
                .map(response -> response.queueUrl())
                .cache(url -> Duration.ofDays(365), failure -> Duration.ZERO, () -> Duration.ZERO);
    }

    @Override
    public Flux<ObjectEventMessage> receive(int max) {
        return queueUrl.flatMap(url -> Mono.fromFuture(() -> sqs.receiveMessage(r -> r
                        .queueUrl(url)
                        .maxNumberOfMessages(max)
                        .waitTimeSeconds((int) properties.receiveWait().toSeconds())
                        .messageSystemAttributeNames(MessageSystemAttributeName.AWS_TRACE_HEADER,
                                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))))
                .flatMapIterable(response -> response.messages())
                .map(this::toEventMessage);
    }

    @Override
    public Mono<Void> acknowledge(ObjectEventMessage message) {
        return queueUrl.flatMap(url -> Mono.fromFuture(() -> sqs.deleteMessage(r -> r
                        .queueUrl(url)
                        .receiptHandle(message.receiptHandle()))))
                .then();
    }

    private ObjectEventMessage toEventMessage(Message message) {
        return new ObjectEventMessage(message.receiptHandle(), parser.parse(message.body()),
                message.attributes().get(MessageSystemAttributeName.AWS_TRACE_HEADER),
                Integer.parseInt(message.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")));
    }
}
