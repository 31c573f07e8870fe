package com.cloudalbum.thumbnail.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import com.cloudalbum.common.test.LocalAws;
import com.cloudalbum.thumbnail.config.ThumbnailProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** S3 PutObject → the local stack's event hook → SQS → this service's queue adapter, on real emulators. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "album.thumbnail.receive-wait=2s")
class SqsObjectEventQueueIntegrationTest {

    @Autowired
    ObjectEventQueue queue;

    @Autowired
    S3AsyncClient s3;

    @Autowired
    SqsAsyncClient sqs;

    @Autowired
    ThumbnailProperties properties;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        LocalAws.registerEndpoints(registry);
    }

    @BeforeEach
    void emptyQueue() {
        StepVerifier.create(Mono.fromFuture(() -> sqs.getQueueUrl(r -> r.queueName(properties.queueName())))
                        .flatMap(url -> Mono.fromFuture(() -> sqs.purgeQueue(r -> r.queueUrl(url.queueUrl())))))
                .expectNextCount(1)
                .verifyComplete();
    }

    @Test
    void receive_afterPutObject_yieldsCreatedEventWithDecodedKey_andAcknowledgeRemovesIt() {
        String key = "photos/" + UUID.randomUUID() + "/holiday photo+1.jpg";

        Flux<ObjectEvent> events = Mono.fromFuture(() -> s3.putObject(r -> r.bucket(properties.bucket()).key(key),
                        AsyncRequestBody.fromString("jpeg")))
                .thenMany(queue.receive(10))
                .concatMap(message -> queue.acknowledge(message).thenMany(Flux.fromIterable(message.events())));

        StepVerifier.create(events)
                .assertNext(event -> {
                    assertThat(event.key()).isEqualTo(key);
                    assertThat(event.created()).isTrue();
                    assertThat(event.size()).isEqualTo(4);
                })
                .verifyComplete();
        StepVerifier.create(queue.receive(10))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }
}
