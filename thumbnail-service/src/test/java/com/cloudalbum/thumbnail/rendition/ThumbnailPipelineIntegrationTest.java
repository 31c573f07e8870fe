package com.cloudalbum.thumbnail.rendition;

import static com.cloudalbum.thumbnail.render.TestPictures.BLUE;
import static com.cloudalbum.thumbnail.render.TestPictures.GREEN;
import static com.cloudalbum.thumbnail.render.TestPictures.RED;
import static com.cloudalbum.thumbnail.render.TestPictures.containsExif;
import static com.cloudalbum.thumbnail.render.TestPictures.isNear;
import static com.cloudalbum.thumbnail.render.TestPictures.jpeg;
import static com.cloudalbum.thumbnail.render.TestPictures.marker;
import static com.cloudalbum.thumbnail.render.TestPictures.pngHeaderOnly;
import static com.cloudalbum.thumbnail.render.TestPictures.stored;
import static com.cloudalbum.thumbnail.render.TestPictures.withExifOrientation;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.ImageIO;

import com.cloudalbum.common.test.LocalAws;
import com.cloudalbum.common.test.TestSpans;
import com.cloudalbum.thumbnail.config.ThumbnailProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The whole pipeline on the embedded stack: S3 PutObject → the stack's event hook → SQS → the listener → S3 and
 * DynamoDB. The test JVM is heap-capped (see the pom), so the bomb test also shows there is no OutOfMemoryError.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(TestSpans.class)
@ExtendWith(OutputCaptureExtension.class)
class ThumbnailPipelineIntegrationTest {

    @Autowired
    S3AsyncClient s3;

    @Autowired
    DynamoDbAsyncClient dynamo;

    @Autowired
    SqsAsyncClient sqs;

    @Autowired
    ThumbnailProperties properties;

    @Autowired
    MeterRegistry meters;

    @Autowired
    WebTestClient web;

    @Autowired
    Set<String> photosDeletedDuringRender;

    @Autowired
    Set<String> photosReadSlowly;

    @Autowired
    Set<String> renderThreads;

    @Autowired
    TestSpans spans;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        LocalAws.registerEndpoints(registry);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void upload_withExifOrientation_becomesReadyWithUprightMetadataFreeRenditions(int orientation) {
        OriginalKey photo = newPhoto();
        double lagCount = lagCount();
        byte[] original = withExifOrientation(jpeg(stored(marker(1200, 800), orientation)), orientation);

        StepVerifier.create(record(photo).then(upload(photo, original)).then(settled(photo)))
                .assertNext(item -> {
                    assertThat(item.get("status").s()).isEqualTo("READY");
                    assertThat(item.get("thumbnail_key").s()).isEqualTo(photo.rendition("thumbnail"));
                    assertThat(item.get("preview_key").s()).isEqualTo(photo.rendition("preview"));
                    assertThat(item.get("thumbnail_width").n()).isEqualTo("400");
                    assertThat(item.get("thumbnail_height").n()).isEqualTo("267");
                    assertThat(item.get("preview_width").n()).isEqualTo("1200");
                })
                .verifyComplete();
        for (String name : new String[] {"thumbnail", "preview"}) {
            StepVerifier.create(download(photo.rendition(name)))
                    .assertNext(jpeg -> {
                        assertThat(containsExif(jpeg)).as("%s carries no EXIF", name).isFalse();
                        assertUpright(name, decode(jpeg));
                    })
                    .verifyComplete();
        }
        assertThat(lagCount()).isEqualTo(lagCount + 1);
    }

    /** An iPhone-style HEIC (EXIF orientation 6, made by heif-enc): READY with JPEG and WebP renditions, upright. */
    @Test
    void upload_heic_becomesReadyWithUprightJpegAndWebpRenditions() {
        OriginalKey photo = newPhoto();
        byte[] heic = com.cloudalbum.thumbnail.render.HeifPictures.heifEnc(
                withExifOrientation(jpeg(stored(marker(1200, 800), 6)), 6), "jpg", "heic");

        StepVerifier.create(record(photo).then(upload(photo, heic)).then(settled(photo)))
                .assertNext(item -> {
                    assertThat(item.get("status").s()).isEqualTo("READY");
                    assertThat(item.get("thumbnail_key").s()).isEqualTo(photo.rendition("thumbnail.jpg"));
                    assertThat(item.get("thumbnail_webp_key").s()).isEqualTo(photo.rendition("thumbnail.webp"));
                    assertThat(item.get("preview_webp_key").s()).isEqualTo(photo.rendition("preview.webp"));
                    assertThat(item.get("thumbnail_webp_width").n()).isEqualTo("400");
                    assertThat(item.get("thumbnail_webp_height").n()).isEqualTo("267");
                })
                .verifyComplete();
        for (String file : new String[] {"thumbnail.jpg", "thumbnail.webp", "preview.jpg", "preview.webp"}) {
            StepVerifier.create(download(photo.rendition(file)))
                    .assertNext(bytes -> {
                        assertThat(containsExif(bytes)).as("%s carries no EXIF", file).isFalse();
                        assertUpright(file, decode(bytes));
                    })
                    .verifyComplete();
        }
        StepVerifier.create(Mono.fromFuture(() -> s3.headObject(r -> r.bucket(properties.bucket())
                        .key(photo.rendition("thumbnail.webp")))))
                .assertNext(head -> assertThat(head.contentType()).isEqualTo("image/webp"))
                .verifyComplete();
    }

    /** S3 (here the stack's event hook) hands the PutObject's trace header to SQS as AWSTraceHeader. */
    @Test
    void upload_inATrace_isRenderedInThatTrace_withItsS3AndDynamoDbCallsAndLogLine(CapturedOutput output) {
        OriginalKey photo = newPhoto();
        String traceId = TestSpans.newTraceId();
        String photoServiceSpan = TestSpans.newSpanId();

        StepVerifier.create(record(photo).then(uploadInTrace(photo, jpeg(marker(900, 600)), traceId, photoServiceSpan))
                        .then(settled(photo)))
                .assertNext(item -> assertThat(item.get("status").s()).isEqualTo("READY"))
                .verifyComplete();

        SpanData put = spans.await(span -> span.getTraceId().equals(traceId) && span.getParentSpanId().equals(photoServiceSpan));
        SpanData message = spans.await(span -> span.getTraceId().equals(traceId) && span.getKind() == SpanKind.CONSUMER);
        assertThat(message.getName()).isEqualTo(properties.queueName() + " process");
        assertThat(message.getParentSpanId()).as("child of the upload's PutObject").isEqualTo(put.getSpanId());
        spans.await(span -> span.getTraceId().equals(traceId) && span.getName().equals("DynamoDb.UpdateItem"));
        assertThat(spans.trace(traceId)).filteredOn(span -> span.getParentSpanId().equals(message.getSpanId()))
                .allSatisfy(call -> assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT))
                .extracting(SpanData::getName)
                .contains("S3.GetObject", "S3.PutObject", "DynamoDb.GetItem", "DynamoDb.UpdateItem");
        assertThat(output.getOut().lines().filter(line -> line.contains("renditions ready") && line.contains(photo.photoId())))
                .singleElement().asString().contains("\"traceId\":\"" + traceId + "\"");
    }

    /** S3 sends no trace header for presigned or console uploads; photo-service's copy on the object stands in. */
    @Test
    void event_withoutTraceHeader_continuesTheTraceStoredWithTheOriginal() {
        OriginalKey photo = newPhoto();
        String traceId = TestSpans.newTraceId();
        String photoServiceSpan = TestSpans.newSpanId();
        String stored = TestSpans.xrayHeader(traceId, photoServiceSpan);

        StepVerifier.create(record(photo)
                        .then(Mono.fromFuture(() -> s3.putObject(r -> r.bucket(properties.bucket()).key(photo.value())
                                .metadata(Map.of("trace", stored)), AsyncRequestBody.fromBytes(jpeg(marker(300, 200))))))
                        .then(settled(photo))
                        .then(sendWithoutTraceHeader(s3Event(photo.value()))))
                .verifyComplete();

        SpanData message = spans.await(span -> span.getTraceId().equals(traceId) && span.getKind() == SpanKind.CONSUMER);
        assertThat(message.getParentSpanId()).isEqualTo(photoServiceSpan);
    }

    @Test
    void sameEvent_deliveredTwice_givesOneReadyTransitionAndTheSameObjects() {
        OriginalKey photo = newPhoto();
        StepVerifier.create(record(photo).then(upload(photo, jpeg(marker(900, 600)))).then(settled(photo)))
                .assertNext(item -> assertThat(item.get("status").s()).isEqualTo("READY"))
                .verifyComplete();
        AtomicReference<AttributeValue> firstProcessedAt = new AtomicReference<>();
        AtomicReference<String> firstEtag = new AtomicReference<>();
        StepVerifier.create(item(photo).zipWith(etag(photo.rendition("thumbnail"))))
                .consumeNextWith(both -> {
                    firstProcessedAt.set(both.getT1().get("processed_at"));
                    firstEtag.set(both.getT2());
                })
                .verifyComplete();
        double processed = meters.counter("thumbnail.processed").count();
        double duplicates = meters.counter("thumbnail.skipped", "outcome", "already_ready").count();

        StepVerifier.create(send(s3Event(photo.value()))
                        .then(Mono.fromCallable(() -> meters.counter("thumbnail.skipped", "outcome", "already_ready").count())
                                .filter(count -> count > duplicates)
                                .repeatWhenEmpty(150, ticks -> ticks.delayElements(Duration.ofMillis(200)))))
                .expectNextCount(1)
                .verifyComplete();
        assertThat(meters.counter("thumbnail.processed").count()).isEqualTo(processed);
        StepVerifier.create(item(photo))
                .assertNext(item -> assertThat(item.get("processed_at")).isEqualTo(firstProcessedAt.get()))
                .verifyComplete();
        StepVerifier.create(etag(photo.rendition("thumbnail")))
                .expectNext(firstEtag.get())
                .verifyComplete();
    }

    @Test
    void poisonMessage_afterTheQueuesMaxReceives_endsInTheDeadLetterQueue() {
        String poison = "not an S3 event " + UUID.randomUUID();

        StepVerifier.create(send(poison).then(deadLettered(poison)))
                .assertNext(message -> assertThat(message.body()).isEqualTo(poison))
                .verifyComplete();
    }

    @Test
    void bombHeader_isRefusedBeforeDecoding_photoFailedMessageDeadLetteredServiceHealthy() {
        assertThat(Runtime.getRuntime().maxMemory()).as("heap-capped test JVM").isLessThan(256L << 20);
        OriginalKey photo = newPhoto();
        byte[] bomb = pngHeaderOnly(50_000, 50_000); // 7.5 GB of pixels declared in 33 bytes

        StepVerifier.create(record(photo).then(upload(photo, bomb)).then(settled(photo)))
                .assertNext(item -> {
                    assertThat(item.get("status").s()).isEqualTo("FAILED");
                    assertThat(item.get("failure_reason").s()).isEqualTo("too-many-pixels");
                    assertThat(item).doesNotContainKey("thumbnail_key");
                })
                .verifyComplete();
        StepVerifier.create(deadLettered(photo.value()))
                .expectNextCount(1)
                .verifyComplete();
        StepVerifier.create(listRenditions(photo))
                .verifyComplete();
        web.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void truncatedJpeg_endsFailedAsUndecodable() {
        OriginalKey photo = newPhoto();
        byte[] whole = jpeg(marker(900, 600));

        StepVerifier.create(record(photo).then(upload(photo, Arrays.copyOf(whole, whole.length / 2))).then(settled(photo)))
                .assertNext(item -> {
                    assertThat(item.get("status").s()).isEqualTo("FAILED");
                    assertThat(item.get("failure_reason").s()).isEqualTo("undecodable");
                })
                .verifyComplete();
    }

    @Test
    void photoDeleted_whileItsRenditionsAreMade_leavesNoRenditionBehind() {
        OriginalKey photo = newPhoto();
        photosDeletedDuringRender.add(photo.photoId());
        double deletedMeanwhile = meters.counter("thumbnail.skipped", "outcome", "deleted_meanwhile").count();

        StepVerifier.create(record(photo).then(upload(photo, jpeg(marker(900, 600))))
                        .then(Mono.fromCallable(() -> meters.counter("thumbnail.skipped", "outcome", "deleted_meanwhile").count())
                                .filter(count -> count > deletedMeanwhile)
                                .repeatWhenEmpty(150, ticks -> ticks.delayElements(Duration.ofMillis(200)))))
                .expectNextCount(1)
                .verifyComplete();
        StepVerifier.create(listRenditions(photo).concatWith(Flux.from(item(photo)).map(item -> "item")))
                .verifyComplete();
    }

    /** The test queue's visibility is 6 s; the slow read takes 9 s, so without renewal SQS would deliver it again. */
    @Test
    void workLongerThanTheVisibilityTimeout_isNotDeliveredTwice() {
        OriginalKey photo = newPhoto();
        photosReadSlowly.add(photo.photoId());
        double duplicates = meters.counter("thumbnail.skipped", "outcome", "already_ready").count();
        double processed = meters.counter("thumbnail.processed").count();

        StepVerifier.create(record(photo).then(upload(photo, jpeg(marker(900, 600)))).then(settled(photo)))
                .assertNext(item -> assertThat(item.get("status").s()).isEqualTo("READY"))
                .verifyComplete();
        StepVerifier.create(queueDrained())
                .verifyComplete();
        assertThat(meters.counter("thumbnail.processed").count()).isEqualTo(processed + 1);
        assertThat(meters.counter("thumbnail.skipped", "outcome", "already_ready").count()).isEqualTo(duplicates);
    }

    @Test
    void rendering_runsOnTheBoundedRenderScheduler_only() {
        OriginalKey photo = newPhoto();

        StepVerifier.create(record(photo).then(upload(photo, jpeg(marker(900, 600)))).then(settled(photo)))
                .assertNext(item -> assertThat(item.get("status").s()).isEqualTo("READY"))
                .verifyComplete();
        assertThat(renderThreads).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("render-"));
    }

    /** photo-service writes the item after the object, so the event usually arrives first. */
    @Test
    void itemWrittenAfterTheEvent_stillBecomesReady() {
        OriginalKey photo = newPhoto();

        StepVerifier.create(upload(photo, jpeg(marker(900, 600)))
                        .then(Mono.delay(Duration.ofMillis(700)))
                        .then(record(photo))
                        .then(settled(photo)))
                .assertNext(item -> assertThat(item.get("status").s()).isEqualTo("READY"))
                .verifyComplete();
    }

    /** An upload photo-service rejected after storing it: the object is gone and no item was written. */
    @Test
    void eventForAnOriginalThatIsGone_isAcknowledgedWithoutRetries() {
        OriginalKey photo = newPhoto();
        double gone = meters.counter("thumbnail.skipped", "outcome", "photo_gone").count();
        double failures = meters.counter("thumbnail.failed", "reason", "gave-up").count();

        StepVerifier.create(send(s3Event(photo.value()))
                        .then(Mono.fromCallable(() -> meters.counter("thumbnail.skipped", "outcome", "photo_gone").count())
                                .filter(count -> count > gone)
                                .repeatWhenEmpty(150, ticks -> ticks.delayElements(Duration.ofMillis(200))))
                        .then(queueDrained()))
                .verifyComplete();
        assertThat(meters.counter("thumbnail.failed", "reason", "gave-up").count()).isEqualTo(failures);
    }

    @Test
    void eventForAnotherKey_isAcknowledgedWithoutWork() {
        double processed = meters.counter("thumbnail.processed").count();
        String key = "photos/u/p/thumbnail.jpg";

        StepVerifier.create(send(s3Event(key)).then(queueDrained()))
                .verifyComplete();
        assertThat(meters.counter("thumbnail.processed").count()).isEqualTo(processed);
    }

    // ---- the world around the service: photo-service's item and upload, the queues

    private static OriginalKey newPhoto() {
        return new OriginalKey("user-" + UUID.randomUUID(), "01TEST" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** What photo-service writes after the upload; here first, so no test depends on the event overtaking it. */
    private Mono<Void> record(OriginalKey photo) {
        String now = Instant.now().toString();
        return Mono.fromFuture(() -> dynamo.putItem(r -> r.tableName(properties.table()).item(Map.of(
                        "user_id", AttributeValue.fromS(photo.userId()),
                        "id", AttributeValue.fromS(photo.photoId()),
                        "status", AttributeValue.fromS("PROCESSING"),
                        "original_key", AttributeValue.fromS(photo.value()),
                        "created_at", AttributeValue.fromS(now),
                        "updated_at", AttributeValue.fromS(now)))))
                .then();
    }

    private Mono<Void> upload(OriginalKey photo, byte[] bytes) {
        return Mono.fromFuture(() -> s3.putObject(r -> r.bucket(properties.bucket()).key(photo.value()),
                AsyncRequestBody.fromBytes(bytes))).then();
    }

    /** The upload as photo-service makes it: inside its request's (here: a remote, sampled) span. */
    private Mono<Void> uploadInTrace(OriginalKey photo, byte[] bytes, String traceId, String parentSpanId) {
        Context photoServiceRequest = Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(traceId,
                parentSpanId, TraceFlags.getSampled(), TraceState.getDefault())));
        return Mono.fromFuture(() -> {
            try (Scope scope = photoServiceRequest.makeCurrent()) {
                return s3.putObject(r -> r.bucket(properties.bucket()).key(photo.value()), AsyncRequestBody.fromBytes(bytes));
            }
        }).then();
    }

    private Mono<Map<String, AttributeValue>> item(OriginalKey photo) {
        return Mono.fromFuture(() -> dynamo.getItem(r -> r.tableName(properties.table()).consistentRead(true)
                        .key(Map.of("user_id", AttributeValue.fromS(photo.userId()),
                                "id", AttributeValue.fromS(photo.photoId())))))
                .filter(response -> response.hasItem() && !response.item().isEmpty())
                .map(response -> response.item());
    }

    /** The item once it has left PROCESSING. */
    private Mono<Map<String, AttributeValue>> settled(OriginalKey photo) {
        return item(photo)
                .filter(item -> !"PROCESSING".equals(item.get("status").s()))
                .repeatWhenEmpty(150, ticks -> ticks.delayElements(Duration.ofMillis(200)));
    }

    private Mono<byte[]> download(String key) {
        return Mono.fromFuture(() -> s3.getObject(r -> r.bucket(properties.bucket()).key(key),
                AsyncResponseTransformer.toBytes())).map(response -> response.asByteArray());
    }

    private Mono<String> etag(String key) {
        return Mono.fromFuture(() -> s3.headObject(r -> r.bucket(properties.bucket()).key(key)))
                .map(response -> response.eTag());
    }

    /** Everything under the photo's prefix except the original: what the service wrote. */
    private Flux<String> listRenditions(OriginalKey photo) {
        String prefix = photo.value().substring(0, photo.value().length() - "original".length());
        return Mono.fromFuture(() -> s3.listObjectsV2(r -> r.bucket(properties.bucket()).prefix(prefix)))
                .flatMapIterable(response -> response.contents())
                .map(S3Object::key)
                .filter(key -> !key.equals(photo.value()));
    }

    private Mono<String> queueUrl(String name) {
        return Mono.fromFuture(() -> sqs.getQueueUrl(r -> r.queueName(name))).map(response -> response.queueUrl());
    }

    private Mono<Void> send(String body) {
        return queueUrl(properties.queueName())
                .flatMap(url -> Mono.fromFuture(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody(body))))
                .then();
    }

    /**
     * SendMessage as a bare HTTP call: the SDK's request would carry an X-Amzn-Trace-Id (unsampled, outside any
     * trace), which SQS may turn into the message's AWSTraceHeader.
     */
    private Mono<Void> sendWithoutTraceHeader(String body) {
        return queueUrl(properties.queueName()).flatMap(url -> Mono.fromFuture(() -> java.net.http.HttpClient.newHttpClient()
                        .sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                                .header("Content-Type", "application/x-amz-json-1.0")
                                .header("X-Amz-Target", "AmazonSQS.SendMessage")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                        "{\"QueueUrl\":\"" + url + "\",\"MessageBody\":" + tools.jackson.databind.json.JsonMapper
                                                .shared().writeValueAsString(body) + "}"))
                                .build(), java.net.http.HttpResponse.BodyHandlers.ofString())))
                .doOnNext(response -> assertThat(response.statusCode()).as(response.body()).isEqualTo(200))
                .then();
    }

    /** Looks into the DLQ without taking anything: other tests' messages stay visible for them. */
    private Mono<Message> deadLettered(String marker) {
        return queueUrl(properties.queueName() + "-dlq")
                .flatMap(url -> Mono.fromFuture(() -> sqs.receiveMessage(r -> r.queueUrl(url)
                        .maxNumberOfMessages(10).visibilityTimeout(0).waitTimeSeconds(1))))
                .flatMapIterable(response -> response.messages())
                .filter(message -> message.body().contains(marker))
                .next()
                .repeatWhenEmpty(60, ticks -> ticks.delayElements(Duration.ofMillis(200)));
    }

    private Mono<Void> queueDrained() {
        return queueUrl(properties.queueName())
                .flatMap(url -> Mono.fromFuture(() -> sqs.getQueueAttributes(r -> r.queueUrl(url)
                        .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))))
                .filter(response -> response.attributesAsStrings().values().stream().allMatch("0"::equals))
                .repeatWhenEmpty(150, ticks -> ticks.delayElements(Duration.ofMillis(200)))
                .then();
    }

    private String s3Event(String key) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventTime":"%s","eventName":"ObjectCreated:Put",
                "s3":{"bucket":{"name":"%s"},"object":{"key":"%s","size":1}}}]}""".formatted(Instant.now(),
                properties.bucket(), key);
    }

    private double lagCount() {
        return meters.timer("thumbnail.lag").count();
    }

    private static BufferedImage decode(byte[] jpeg) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertThat(image).isNotNull();
            return image;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertUpright(String name, BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        assertThat(w).as("%s is landscape", name).isGreaterThan(h);
        assertThat(isNear(image.getRGB(w / 4, h / 4) & 0xffffff, RED)).as("%s top left red", name).isTrue();
        assertThat(isNear(image.getRGB(3 * w / 4, h / 4) & 0xffffff, GREEN)).as("%s top right green", name).isTrue();
        assertThat(isNear(image.getRGB(w / 2, 3 * h / 4) & 0xffffff, BLUE)).as("%s bottom blue", name).isTrue();
    }

    /**
     * Plays photo-service's DELETE (mark DELETING, remove the original, remove the item) just before a listed
     * photo's first rendition is stored, so the race is hit every time rather than by luck.
     */
    @TestConfiguration
    static class DeleteDuringProcessing {

        @Bean
        Set<String> photosDeletedDuringRender() {
            return ConcurrentHashMap.newKeySet();
        }

        @Bean
        Set<String> photosReadSlowly() {
            return ConcurrentHashMap.newKeySet();
        }

        @Bean
        Set<String> renderThreads() {
            return ConcurrentHashMap.newKeySet();
        }

        /** The real renderer, noting which threads it runs on. */
        @Bean
        @Primary
        ImageRenderer threadNotingRenderer(Set<String> renderThreads, ThumbnailProperties properties) {
            com.cloudalbum.thumbnail.render.Renderer renderer = new com.cloudalbum.thumbnail.render.Renderer(properties.maxPixels());
            return (original, size, specs) -> {
                renderThreads.add(Thread.currentThread().getName());
                return renderer.render(original, size, specs);
            };
        }

        @Bean
        @Primary
        RenditionStore deletingStore(S3RenditionStore store, Set<String> photosDeletedDuringRender,
                Set<String> photosReadSlowly, DynamoDbAsyncClient dynamo, S3AsyncClient s3, ThumbnailProperties properties) {
            return new RenditionStore() {
                @Override
                public Mono<java.io.InputStream> openOriginal(OriginalKey original) {
                    return photosReadSlowly.remove(original.photoId())
                            ? Mono.delay(Duration.ofSeconds(9)).then(store.openOriginal(original))
                            : store.openOriginal(original);
                }

                @Override
                public Mono<Boolean> exists(OriginalKey original) {
                    return store.exists(original);
                }

                @Override
                public Mono<String> uploadTraceHeader(OriginalKey original) {
                    return store.uploadTraceHeader(original);
                }

                @Override
                public Mono<Void> put(String key, byte[] bytes, String contentType) {
                    String[] parts = key.split("/");
                    OriginalKey photo = new OriginalKey(parts[1], parts[2]);
                    Map<String, AttributeValue> itemKey = Map.of("user_id", AttributeValue.fromS(photo.userId()),
                            "id", AttributeValue.fromS(photo.photoId()));
                    Mono<Void> deleteFirst = !photosDeletedDuringRender.remove(photo.photoId()) ? Mono.empty()
                            : Mono.fromFuture(() -> dynamo.updateItem(u -> u.tableName(properties.table()).key(itemKey)
                                            .updateExpression("SET #s = :d")
                                            .expressionAttributeNames(Map.of("#s", "status"))
                                            .expressionAttributeValues(Map.of(":d", AttributeValue.fromS("DELETING")))))
                                    .then(Mono.fromFuture(() -> s3.deleteObject(d -> d.bucket(properties.bucket())
                                            .key(photo.value()))))
                                    .then(Mono.fromFuture(() -> dynamo.deleteItem(d -> d.tableName(properties.table())
                                            .key(itemKey))))
                                    .then();
                    return deleteFirst.then(store.put(key, bytes, contentType));
                }

                @Override
                public Mono<Void> delete(java.util.List<String> keys) {
                    return store.delete(keys);
                }
            };
        }
    }
}
