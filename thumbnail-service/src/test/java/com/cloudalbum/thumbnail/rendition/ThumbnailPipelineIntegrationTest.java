package com.cloudalbum.thumbnail.rendition;

import static com.cloudalbum.contract.photo.PhotoAttributes.DEADLINE;
import static com.cloudalbum.contract.photo.PhotoAttributes.FAILURE_REASON;
import static com.cloudalbum.contract.photo.PhotoAttributes.PENDING;
import static com.cloudalbum.contract.photo.PhotoAttributes.PROCESSED_AT;
import static com.cloudalbum.contract.photo.PhotoAttributes.STATUS;
import static com.cloudalbum.contract.photo.PhotoAttributes.rendition;
import static com.cloudalbum.contract.photo.PhotoStatus.DELETING;
import static com.cloudalbum.contract.photo.PhotoStatus.FAILED;
import static com.cloudalbum.contract.photo.PhotoStatus.READY;
import static com.cloudalbum.thumbnail.render.TestPictures.BLUE;
import static com.cloudalbum.thumbnail.render.TestPictures.GREEN;
import static com.cloudalbum.thumbnail.render.TestPictures.RED;
import static com.cloudalbum.thumbnail.render.TestPictures.containsExif;
import static com.cloudalbum.thumbnail.render.TestPictures.isNear;
import static com.cloudalbum.thumbnail.render.TestPictures.jpeg;
import static com.cloudalbum.thumbnail.render.TestPictures.marker;
import static com.cloudalbum.thumbnail.render.TestPictures.noise;
import static com.cloudalbum.thumbnail.render.TestPictures.png;
import static com.cloudalbum.thumbnail.render.TestPictures.pngHeaderOnly;
import static com.cloudalbum.thumbnail.render.TestPictures.stored;
import static com.cloudalbum.thumbnail.render.TestPictures.withExifOrientation;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

import com.cloudalbum.common.test.LocalAws;
import com.cloudalbum.common.test.TestSpans;
import com.cloudalbum.contract.photo.FailureReason;
import com.cloudalbum.contract.photo.PhotoKey;
import com.cloudalbum.contract.photo.PhotoStatus;
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
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import tools.jackson.databind.json.JsonMapper;

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
    RenditionService renditionService;

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

    @Autowired
    Set<String> s3FailingOnce;

    @Autowired
    Set<String> s3BreakingMidStreamOnce;

    @Autowired
    Set<String> dynamoFailingOnce;

    @Autowired
    Map<String, AtomicInteger> opens;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        LocalAws.registerEndpoints(registry);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void upload_withExifOrientation_becomesReadyWithUprightMetadataFreeRenditions(int orientation) {
        PhotoKey photo = PhotoItem.newKey();
        double lagCount = lagCount();
        byte[] original = withExifOrientation(jpeg(stored(marker(1200, 800), orientation)), orientation);

        StepVerifier.create(record(photo).then(upload(photo, original)).then(settled(photo)))
                .assertNext(item -> {
                    assertThat(item.get(STATUS).s()).isEqualTo(READY.name());
                    assertThat(item.get(rendition("thumbnail", "key")).s()).isEqualTo(photo.rendition("thumbnail.jpg"));
                    assertThat(item.get(rendition("preview", "key")).s()).isEqualTo(photo.rendition("preview.jpg"));
                    assertThat(item.get(rendition("thumbnail", "width")).n()).isEqualTo("400");
                    assertThat(item.get(rendition("thumbnail", "height")).n()).isEqualTo("267");
                    assertThat(item.get(rendition("preview", "width")).n()).isEqualTo("1200");
                    assertThat(item).as("out of the sweeper's index").doesNotContainKeys(PENDING, DEADLINE);
                })
                .verifyComplete();
        for (String name : new String[] {"thumbnail", "preview"}) {
            StepVerifier.create(download(photo.rendition(name + ".jpg")))
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
        PhotoKey photo = PhotoItem.newKey();
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
        PhotoKey photo = PhotoItem.newKey();
        String traceId = TestSpans.newTraceId();
        String photoServiceSpan = TestSpans.newSpanId();

        StepVerifier.create(record(photo).then(uploadInTrace(photo, jpeg(marker(900, 600)), traceId, photoServiceSpan))
                        .then(settled(photo)))
                .assertNext(item -> assertThat(item.get(STATUS).s()).isEqualTo(READY.name()))
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
        PhotoKey photo = PhotoItem.newKey();
        String traceId = TestSpans.newTraceId();
        String photoServiceSpan = TestSpans.newSpanId();
        String stored = TestSpans.xrayHeader(traceId, photoServiceSpan);

        StepVerifier.create(record(photo)
                        .then(Mono.fromFuture(() -> s3.putObject(r -> r.bucket(properties.bucket()).key(photo.original())
                                .metadata(Map.of("trace", stored)), AsyncRequestBody.fromBytes(jpeg(marker(300, 200))))))
                        .then(settled(photo))
                        .then(sendWithoutTraceHeader(s3Event(photo.original()))))
                .verifyComplete();

        SpanData message = spans.await(span -> span.getTraceId().equals(traceId) && span.getKind() == SpanKind.CONSUMER);
        assertThat(message.getParentSpanId()).isEqualTo(photoServiceSpan);
    }

    @Test
    void sameEvent_deliveredTwice_givesOneReadyTransitionAndTheSameObjects() {
        PhotoKey photo = PhotoItem.newKey();
        StepVerifier.create(record(photo).then(upload(photo, jpeg(marker(900, 600)))).then(settled(photo)))
                .assertNext(item -> assertThat(item.get(STATUS).s()).isEqualTo(READY.name()))
                .verifyComplete();
        AtomicReference<AttributeValue> firstProcessedAt = new AtomicReference<>();
        AtomicReference<String> firstEtag = new AtomicReference<>();
        StepVerifier.create(item(photo).zipWith(etag(photo.rendition("thumbnail.jpg"))))
                .consumeNextWith(both -> {
                    firstProcessedAt.set(both.getT1().get(PROCESSED_AT));
                    firstEtag.set(both.getT2());
                })
                .verifyComplete();
        double processed = meters.counter("thumbnail.processed").count();
        double duplicates = meters.counter("thumbnail.skipped", "outcome", "already_ready").count();

        StepVerifier.create(send(s3Event(photo.original()))
                        .then(Mono.fromCallable(() -> meters.counter("thumbnail.skipped", "outcome", "already_ready").count())
                                .filter(count -> count > duplicates)
                                .repeatWhenEmpty(150, ticks -> ticks.delayElements(Duration.ofMillis(200)))))
                .expectNextCount(1)
                .verifyComplete();
        assertThat(meters.counter("thumbnail.processed").count()).isEqualTo(processed);
        StepVerifier.create(item(photo))
                .assertNext(item -> assertThat(item.get(PROCESSED_AT)).isEqualTo(firstProcessedAt.get()))
                .verifyComplete();
        StepVerifier.create(etag(photo.rendition("thumbnail.jpg")))
                .expectNext(firstEtag.get())
                .verifyComplete();
    }

    /** Retrying a body that is not an S3 event cannot help: it is logged and dropped, never dead-lettered. */
    @Test
    void poisonMessage_isLoggedAndAcknowledged_neverDeadLettered(CapturedOutput output) {
        String poison = "not an S3 event " + UUID.randomUUID();
        int deadLetters = deadLetters();
        double badEvents = meters.counter("thumbnail.bad_events").count();

        StepVerifier.create(send(poison)
                        .then(counterAbove(() -> meters.counter("thumbnail.bad_events").count(), badEvents))
                        .then(queueDrained()))
                .verifyComplete();
        assertThat(deadLetters()).isEqualTo(deadLetters);
        assertThat(output.getOut().lines().filter(line -> line.contains("dropping message") && line.contains(poison)))
                .singleElement().asString().contains("\"level\":\"ERROR\"");
    }

    @Test
    void unparseableEvent_namingAProcessingPhoto_marksItFailedBadEvent_andIsAcknowledged() {
        PhotoKey photo = PhotoItem.newKey();
        String truncated = s3Event(photo.original()).substring(0, s3Event(photo.original()).indexOf("\"size\""));
        int deadLetters = deadLetters();

        StepVerifier.create(record(photo).then(send(truncated)).then(settled(photo)))
                .assertNext(item -> {
                    assertThat(item.get(STATUS).s()).isEqualTo(FAILED.name());
                    assertThat(item.get(FAILURE_REASON).s()).isEqualTo(FailureReason.BAD_EVENT.code());
                })
                .verifyComplete();
        StepVerifier.create(queueDrained())
                .verifyComplete();
        assertThat(deadLetters()).isEqualTo(deadLetters);
    }

    /** A READY photo keeps its result when a garbled copy of its event comes by. */
    @Test
    void unparseableEvent_namingAReadyPhoto_leavesItReady() {
        PhotoKey photo = PhotoItem.newKey();
        double badEvents = meters.counter("thumbnail.bad_events").count();
        StepVerifier.create(record(photo).then(upload(photo, jpeg(marker(300, 200)))).then(settled(photo)))
                .assertNext(item -> assertThat(item.get(STATUS).s()).isEqualTo(READY.name()))
                .verifyComplete();

        StepVerifier.create(send("{\"Records\":[{\"s3\":{\"object\":{\"key\":\"" + photo.original() + "\"")
                        .then(counterAbove(() -> meters.counter("thumbnail.bad_events").count(), badEvents))
                        .then(queueDrained())
                        .then(item(photo)))
                .assertNext(item -> assertThat(item.get(STATUS).s()).isEqualTo(READY.name()))
                .verifyComplete();
    }

    /** Some S3-compatible stores send {@code eventTime} without a zone; it is UTC, and the photo is rendered. */
    @Test
    void event_withZonelessEventTime_isRendered() {
        PhotoKey photo = PhotoItem.newKey();
        String zoneless = s3Event(photo.original()).replaceFirst("\"eventTime\":\"([^\"Z]+)Z\"", "\"eventTime\":\"$1\"");
        assertThat(zoneless).doesNotContain("Z\",");

        // stored while DELETING, so the store's own event finds nothing to do and only the zone-less one renders
        double gone = meters.counter("thumbnail.skipped", "outcome", "photo_gone").count();
        StepVerifier.create(record(PhotoItem.of(photo).status(DELETING))
                        .then(upload(photo, jpeg(marker(300, 200))))
                        .then(counterAbove(() -> meters.counter("thumbnail.skipped", "outcome", "photo_gone").count(), gone))
                        .then(queueDrained())
                        .then(setStatus(photo, PhotoStatus.PROCESSING))
                        .then(send(zoneless))
                        .then(settled(photo)))
                .assertNext(item -> assertThat(item.get(STATUS).s()).isEqualTo(READY.name()))
                .verifyComplete();
    }

    @Test
    void bombHeader_isRefusedBeforeDecoding_photoFailedMessageAcknowledgedNotDeadLetteredServiceHealthy() {
        assertThat(Runtime.getRuntime().maxMemory()).as("heap-capped test JVM").isLessThan(256L << 20);
        PhotoKey photo = PhotoItem.newKey();
        byte[] bomb = pngHeaderOnly(50_000, 50_000); // 7.5 GB of pixels declared in 33 bytes
        int deadLetters = deadLetters();
        double failed = meters.counter("thumbnail.failed", "reason", FailureReason.TOO_MANY_PIXELS.code()).count();
        double gaveUp = meters.counter("thumbnail.failed", "reason", FailureReason.GAVE_UP.code()).count();

        StepVerifier.create(record(photo).then(upload(photo, bomb)).then(settled(photo)))
                .assertNext(item -> {
                    assertThat(item.get(STATUS).s()).isEqualTo(FAILED.name());
                    assertThat(item.get(FAILURE_REASON).s()).isEqualTo(FailureReason.TOO_MANY_PIXELS.code());
                    assertThat(item).doesNotContainKey(rendition("thumbnail", "key"));
                    assertThat(item).as("out of the sweeper's index").doesNotContainKeys(PENDING, DEADLINE);
                })
                .verifyComplete();
        StepVerifier.create(queueDrained())
                .verifyComplete();
        assertThat(deadLetters()).isEqualTo(deadLetters);
        assertThat(meters.counter("thumbnail.failed", "reason", FailureReason.TOO_MANY_PIXELS.code()).count())
                .as("one render, no retries").isEqualTo(failed + 1);
        assertThat(meters.counter("thumbnail.failed", "reason", FailureReason.GAVE_UP.code()).count()).isEqualTo(gaveUp);
        StepVerifier.create(listRenditions(photo))
                .verifyComplete();
        web.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void truncatedJpeg_endsFailedAsUndecodable() {
        PhotoKey photo = PhotoItem.newKey();
        byte[] whole = jpeg(marker(900, 600));
        int deadLetters = deadLetters();

        StepVerifier.create(record(photo).then(upload(photo, Arrays.copyOf(whole, whole.length / 2))).then(settled(photo)))
                .assertNext(item -> {
                    assertThat(item.get(STATUS).s()).isEqualTo(FAILED.name());
                    assertThat(item.get(FAILURE_REASON).s()).isEqualTo(FailureReason.UNDECODABLE.code());
                })
                .verifyComplete();
        StepVerifier.create(queueDrained())
                .verifyComplete();
        assertThat(deadLetters()).isEqualTo(deadLetters);
    }

    @Test
    void transientS3Failure_onReadingTheOriginal_isRetriedAndThePhotoBecomesReady() {
        PhotoKey photo = PhotoItem.newKey();
        s3FailingOnce.add(photo.photoId());
        int deadLetters = deadLetters();

        StepVerifier.create(record(photo).then(upload(photo, jpeg(marker(900, 600)))).then(settled(photo)))
                .assertNext(item -> assertThat(item.get(STATUS).s()).isEqualTo(READY.name()))
                .verifyComplete();
        assertThat(opens.get(photo.photoId())).as("opened again after the failure").hasValue(2);
        StepVerifier.create(queueDrained())
                .verifyComplete();
        assertThat(deadLetters()).isEqualTo(deadLetters);
    }

    /**
     * The renderer reports any failure while ImageIO decodes as undecodable; when it was the stream that broke,
     * that is S3's. A noisy PNG of about 3 MB breaks well past the part read before decoding starts.
     */
    @Test
    void originalStreamBreakingMidway_isRetriedNotFailedAsUndecodable() {
        PhotoKey photo = PhotoItem.newKey();
        s3BreakingMidStreamOnce.add(photo.photoId());
        double undecodable = meters.counter("thumbnail.failed", "reason", FailureReason.UNDECODABLE.code()).count();
        byte[] original = png(noise(1200, 800));
        assertThat(original.length).isGreaterThan(2 * BreakingStream.BYTES);

        StepVerifier.create(record(photo).then(upload(photo, original)).then(settled(photo)))
                .assertNext(item -> assertThat(item.get(STATUS).s()).isEqualTo(READY.name()))
                .verifyComplete();
        assertThat(opens.get(photo.photoId())).hasValue(2);
        assertThat(meters.counter("thumbnail.failed", "reason", FailureReason.UNDECODABLE.code()).count())
                .isEqualTo(undecodable);
    }

    @Test
    void transientDynamoDbFailure_onMarkingReady_isRetriedAndThePhotoBecomesReady() {
        PhotoKey photo = PhotoItem.newKey();
        dynamoFailingOnce.add(photo.photoId());
        int deadLetters = deadLetters();

        StepVerifier.create(record(photo).then(upload(photo, jpeg(marker(900, 600)))).then(settled(photo)))
                .assertNext(item -> assertThat(item.get(STATUS).s()).isEqualTo(READY.name()))
                .verifyComplete();
        assertThat(opens.get(photo.photoId())).as("rendered again on the retry").hasValue(2);
        StepVerifier.create(queueDrained())
                .verifyComplete();
        assertThat(deadLetters()).isEqualTo(deadLetters);
    }

    @Test
    void photoDeleted_whileItsRenditionsAreMade_leavesNoRenditionBehind() {
        PhotoKey photo = PhotoItem.newKey();
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
        PhotoKey photo = PhotoItem.newKey();
        photosReadSlowly.add(photo.photoId());
        double duplicates = meters.counter("thumbnail.skipped", "outcome", "already_ready").count();
        double processed = meters.counter("thumbnail.processed").count();

        StepVerifier.create(record(photo).then(upload(photo, jpeg(marker(900, 600)))).then(settled(photo)))
                .assertNext(item -> assertThat(item.get(STATUS).s()).isEqualTo(READY.name()))
                .verifyComplete();
        StepVerifier.create(queueDrained())
                .verifyComplete();
        assertThat(meters.counter("thumbnail.processed").count()).isEqualTo(processed + 1);
        assertThat(meters.counter("thumbnail.skipped", "outcome", "already_ready").count()).isEqualTo(duplicates);
    }

    @Test
    void rendering_runsOnTheBoundedRenderScheduler_only() {
        PhotoKey photo = PhotoItem.newKey();

        StepVerifier.create(record(photo).then(upload(photo, jpeg(marker(900, 600)))).then(settled(photo)))
                .assertNext(item -> assertThat(item.get(STATUS).s()).isEqualTo(READY.name()))
                .verifyComplete();
        assertThat(renderThreads).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("render-"));
    }

    /** photo-service writes the item UPLOADING before the bytes and PROCESSING after, so the event can come between. */
    @Test
    void eventFindingThePhotoUploading_isNotRenderedUntilItIsProcessing() {
        PhotoKey photo = PhotoItem.newKey();
        double deferred = meters.counter("thumbnail.deferred").count();

        StepVerifier.create(record(PhotoItem.of(photo).status(PhotoStatus.UPLOADING))
                        .then(upload(photo, jpeg(marker(900, 600))))
                        .then(counterAbove(() -> meters.counter("thumbnail.deferred").count(), deferred))
                        .then(item(photo)))
                .assertNext(item -> assertThat(item.get(STATUS).s()).isEqualTo(PhotoStatus.UPLOADING.name()))
                .verifyComplete();
        StepVerifier.create(listRenditions(photo))
                .verifyComplete();
        assertThat(opens).doesNotContainKey(photo.photoId());

        StepVerifier.create(setStatus(photo, PhotoStatus.PROCESSING).then(settled(photo)))
                .assertNext(item -> assertThat(item.get(STATUS).s()).isEqualTo(READY.name()))
                .verifyComplete();
    }

    /** An upload whose photo-service died before it recorded the bytes: the sweeper's, never the DLQ's. */
    @Test
    void handle_photoStillUploadingOnTheLastTry_isLeftToTheSweeperWithoutAnError() {
        PhotoKey photo = PhotoItem.newKey();

        StepVerifier.create(record(PhotoItem.of(photo).status(PhotoStatus.UPLOADING))
                        .then(renditionService.handle(new CreateRenditions(photo, Instant.now()), true)))
                .expectNext(RenditionService.Outcome.LEFT_TO_SWEEPER)
                .verifyComplete();
        StepVerifier.create(renditionService.handle(new CreateRenditions(photo, Instant.now()), false))
                .verifyError(RenditionService.PhotoNotStoredYetException.class);
    }

    /** The item says the bytes are stored but they are not (a write that timed out after it applied, then undone). */
    @Test
    void eventForAProcessingPhotoWithoutItsOriginal_marksItFailedOriginalMissing() {
        PhotoKey photo = PhotoItem.newKey();
        int deadLetters = deadLetters();

        StepVerifier.create(record(photo).then(send(s3Event(photo.original()))).then(settled(photo)))
                .assertNext(item -> {
                    assertThat(item.get(STATUS).s()).isEqualTo(FAILED.name());
                    assertThat(item.get(FAILURE_REASON).s()).isEqualTo(FailureReason.ORIGINAL_MISSING.code());
                })
                .verifyComplete();
        StepVerifier.create(queueDrained())
                .verifyComplete();
        assertThat(deadLetters()).isEqualTo(deadLetters);
    }

    /** An upload photo-service undid, or a photo deleted before its event came: no item, nothing to do. */
    @Test
    void eventForAnOriginalThatIsGone_isAcknowledgedWithoutRetries() {
        PhotoKey photo = PhotoItem.newKey();
        double gone = meters.counter("thumbnail.skipped", "outcome", "photo_gone").count();
        double failures = meters.counter("thumbnail.failed", "reason", "gave-up").count();

        StepVerifier.create(send(s3Event(photo.original()))
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

    /** What photo-service writes once the bytes are stored; here first, so no test depends on the event overtaking it. */
    private Mono<Void> record(PhotoKey photo) {
        return record(PhotoItem.of(photo));
    }

    private Mono<Void> record(PhotoItem item) {
        return Mono.fromFuture(() -> dynamo.putItem(r -> r.tableName(properties.table()).item(item.attributes()))).then();
    }

    private Mono<Void> setStatus(PhotoKey photo, PhotoStatus status) {
        return Mono.fromFuture(() -> dynamo.updateItem(r -> r.tableName(properties.table()).key(PhotoItem.key(photo))
                        .updateExpression("SET #s = :s")
                        .expressionAttributeNames(Map.of("#s", STATUS))
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status.name())))))
                .then();
    }

    private Mono<Void> upload(PhotoKey photo, byte[] bytes) {
        return Mono.fromFuture(() -> s3.putObject(r -> r.bucket(properties.bucket()).key(photo.original()),
                AsyncRequestBody.fromBytes(bytes))).then();
    }

    /** The upload as photo-service makes it: inside its request's (here: a remote, sampled) span. */
    private Mono<Void> uploadInTrace(PhotoKey photo, byte[] bytes, String traceId, String parentSpanId) {
        Context photoServiceRequest = Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(traceId,
                parentSpanId, TraceFlags.getSampled(), TraceState.getDefault())));
        return Mono.fromFuture(() -> {
            try (Scope scope = photoServiceRequest.makeCurrent()) {
                return s3.putObject(r -> r.bucket(properties.bucket()).key(photo.original()), AsyncRequestBody.fromBytes(bytes));
            }
        }).then();
    }

    private Mono<Map<String, AttributeValue>> item(PhotoKey photo) {
        return Mono.fromFuture(() -> dynamo.getItem(r -> r.tableName(properties.table()).consistentRead(true)
                        .key(PhotoItem.key(photo))))
                .filter(response -> response.hasItem() && !response.item().isEmpty())
                .map(response -> response.item());
    }

    /** The item once it is READY or FAILED. */
    private Mono<Map<String, AttributeValue>> settled(PhotoKey photo) {
        return item(photo)
                .filter(item -> Set.of(READY.name(), FAILED.name()).contains(item.get(STATUS).s()))
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
    private Flux<String> listRenditions(PhotoKey photo) {
        return Mono.fromFuture(() -> s3.listObjectsV2(r -> r.bucket(properties.bucket()).prefix(photo.prefix())))
                .flatMapIterable(response -> response.contents())
                .map(S3Object::key)
                .filter(key -> !key.equals(photo.original()));
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
        return queueUrl(properties.queueName()).flatMap(url -> Mono.fromFuture(() -> HttpClient.newHttpClient()
                        .sendAsync(HttpRequest.newBuilder(URI.create(url))
                                .header("Content-Type", "application/x-amz-json-1.0")
                                .header("X-Amz-Target", "AmazonSQS.SendMessage")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"QueueUrl\":\"" + url + "\",\"MessageBody\":" + JsonMapper
                                                .shared().writeValueAsString(body) + "}"))
                                .build(), HttpResponse.BodyHandlers.ofString())))
                .doOnNext(response -> assertThat(response.statusCode()).as(response.body()).isEqualTo(200))
                .then();
    }

    /** Messages in the DLQ now; a test compares before and after, so earlier runs' leftovers do not count. */
    private int deadLetters() {
        AtomicInteger count = new AtomicInteger();
        StepVerifier.create(queueUrl(properties.queueName() + "-dlq")
                        .flatMap(url -> Mono.fromFuture(() -> sqs.getQueueAttributes(r -> r.queueUrl(url)
                                .attributeNamesWithStrings("ApproximateNumberOfMessages",
                                        "ApproximateNumberOfMessagesNotVisible"))))
                        .map(response -> response.attributesAsStrings().values().stream().mapToInt(Integer::parseInt).sum()))
                .consumeNextWith(count::set)
                .verifyComplete();
        return count.get();
    }

    private static Mono<Double> counterAbove(Supplier<Double> counter, double before) {
        return Mono.fromCallable(counter::get)
                .filter(count -> count > before)
                .repeatWhenEmpty(150, ticks -> ticks.delayElements(Duration.ofMillis(200)));
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

    /** Gives the first bytes of the original, then fails like a connection dropped by S3. */
    static final class BreakingStream extends FilterInputStream {

        static final int BYTES = 512 * 1024;

        private int left = BYTES;

        BreakingStream(InputStream original) {
            super(original);
        }

        @Override
        public int read() throws IOException {
            if (left-- <= 0) {
                throw new IOException("injected: connection reset");
            }
            return super.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                throw new IOException("injected: connection reset");
            }
            int read = super.read(buffer, offset, Math.min(length, left));
            left -= Math.max(read, 0);
            return read;
        }
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

        @Bean
        Set<String> s3FailingOnce() {
            return ConcurrentHashMap.newKeySet();
        }

        @Bean
        Set<String> s3BreakingMidStreamOnce() {
            return ConcurrentHashMap.newKeySet();
        }

        @Bean
        Set<String> dynamoFailingOnce() {
            return ConcurrentHashMap.newKeySet();
        }

        /** How often each photo's original was opened: one per try that got that far. */
        @Bean
        Map<String, AtomicInteger> opens() {
            return new ConcurrentHashMap<>();
        }

        /** The real catalog, failing a listed photo's first READY write the way a throttled DynamoDB would. */
        @Bean
        @Primary
        PhotoCatalog faultyCatalog(DynamoPhotoCatalog catalog, Set<String> dynamoFailingOnce) {
            return new PhotoCatalog() {
                @Override
                public Mono<PhotoStatus> status(PhotoKey photo) {
                    return catalog.status(photo);
                }

                @Override
                public Mono<ReadyOutcome> markReady(PhotoKey photo, List<StoredRendition> renditions) {
                    return dynamoFailingOnce.remove(photo.photoId())
                            ? Mono.error(DynamoDbException.builder().statusCode(500).message("injected").build())
                            : catalog.markReady(photo, renditions);
                }

                @Override
                public Mono<Boolean> markFailed(PhotoKey photo, FailureReason reason, Set<PhotoStatus> from) {
                    return catalog.markFailed(photo, reason, from);
                }
            };
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
                Set<String> photosReadSlowly, Set<String> s3FailingOnce, Set<String> s3BreakingMidStreamOnce,
                Map<String, AtomicInteger> opens, DynamoDbAsyncClient dynamo, S3AsyncClient s3,
                ThumbnailProperties properties) {
            return new RenditionStore() {
                @Override
                public Mono<InputStream> openOriginal(PhotoKey original) {
                    String id = original.photoId();
                    opens.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    if (s3FailingOnce.remove(id)) {
                        return Mono.error(SdkClientException.create("injected: connection reset"));
                    }
                    if (s3BreakingMidStreamOnce.remove(id)) {
                        return store.openOriginal(original).map(BreakingStream::new);
                    }
                    return photosReadSlowly.remove(id)
                            ? Mono.delay(Duration.ofSeconds(9)).then(store.openOriginal(original))
                            : store.openOriginal(original);
                }

                @Override
                public Mono<String> uploadTraceHeader(PhotoKey original) {
                    return store.uploadTraceHeader(original);
                }

                @Override
                public Mono<Void> put(String key, byte[] bytes, String contentType) {
                    PhotoKey photo = PhotoKey.parseAny(key);
                    assertThat(photo).isNotNull();
                    Map<String, AttributeValue> itemKey = PhotoItem.key(photo);
                    Mono<Void> deleteFirst = !photosDeletedDuringRender.remove(photo.photoId()) ? Mono.empty()
                            : Mono.fromFuture(() -> dynamo.updateItem(u -> u.tableName(properties.table()).key(itemKey)
                                            .updateExpression("SET #s = :d")
                                            .expressionAttributeNames(Map.of("#s", STATUS))
                                            .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(DELETING.name())))))
                                    .then(Mono.fromFuture(() -> s3.deleteObject(d -> d.bucket(properties.bucket())
                                            .key(photo.original()))))
                                    .then(Mono.fromFuture(() -> dynamo.deleteItem(d -> d.tableName(properties.table())
                                            .key(itemKey))))
                                    .then();
                    return deleteFirst.then(store.put(key, bytes, contentType));
                }

                @Override
                public Mono<Void> delete(List<String> keys) {
                    return store.delete(keys);
                }
            };
        }
    }
}
