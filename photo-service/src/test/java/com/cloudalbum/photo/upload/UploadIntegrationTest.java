package com.cloudalbum.photo.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import com.cloudalbum.common.test.LocalAws;
import com.cloudalbum.common.test.TestSpans;
import com.cloudalbum.common.test.TestTokens;
import com.cloudalbum.photo.config.PhotoProperties;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.assertj.core.data.Offset;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** photo-service on its own against DynamoDB Local and S3Mock; tokens signed with cognito-local's key. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"album.photo.max-upload-size=2MB", "album.photo.sweeper.enabled=false"})
@AutoConfigureWebTestClient
@Import(TestSpans.class)
@ExtendWith(OutputCaptureExtension.class)
class UploadIntegrationTest {

    static final TestTokens TOKENS = TestTokens.cognitoLocal("http://localhost:9229/local_cloudalbum", "cloudalbumlocalwebclient1");

    @Autowired
    WebTestClient client;

    @Autowired
    S3AsyncClient s3;

    @Autowired
    PhotoProperties properties;

    @Autowired
    DynamoDbAsyncClient dynamo;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Autowired
    TestSpans spans;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        LocalAws.registerEndpoints(registry);
    }

    @Test
    void upload_jpegWithExifAndGps_storesObjectAndItemWithFileLocation() {
        String user = newUser();
        byte[] jpeg = TestImages.jpeg(640, 480, new TestImages.ExifSpec(LocalDateTime.of(2026, 7, 1, 10, 30, 0), "+02:00",
                "Canon", "EOS R6", 6, 43.4832, -1.5586));

        Map<String, Object> photo = upload(user, "holiday/beach.jpg", jpeg, Map.of("tags", "Sea, summer", "description", "Beach",
                "lat", "10", "lng", "10", "city", "Ignored"))
                .expectStatus().isCreated()
                .expectHeader().value("Location", location -> assertThat(location).startsWith("/api/photos/"))
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();

        assertThat(photo).containsEntry("status", "PROCESSING").containsEntry("contentType", "image/jpeg")
                .containsEntry("fileName", "beach.jpg").containsEntry("takenAtOffset", "+02:00")
                .containsEntry("takenAt", "2026-07-01T08:30:00Z").containsEntry("orientation", 6);
        assertThat(photo.get("tags")).isEqualTo(List.of("Sea", "summer"));
        assertThat((Map<String, Object>) photo.get("location")).containsEntry("source", "EXIF")
                .doesNotContainKey("city")
                .hasEntrySatisfying("lat", lat -> assertThat(((Number) lat).doubleValue()).isCloseTo(43.4832, Offset.offset(1e-4)));
        assertThat(object("photos/" + user + "/" + photo.get("id") + "/original")).isEqualTo(jpeg);
        client.get().uri("/api/photos/" + photo.get("id")).headers(h -> h.setBearerAuth(TOKENS.valid(user))).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.urls.original").value(url -> assertThat(url.toString()).contains("X-Amz-Signature"));
    }

    /** The S3 and DynamoDB calls happen on SDK and scheduler threads, after hops: they must stay in the trace. */
    @Test
    void upload_inATrace_putsItsS3AndDynamoDbCallsAndLogLineIntoThatTrace(CapturedOutput output) {
        String user = newUser();
        String traceId = TestSpans.newTraceId();
        String callerSpanId = TestSpans.newSpanId();

        String id = id(upload(user, "traced.png", TestImages.png(8, 8), Map.of(),
                "X-Amzn-Trace-Id", TestSpans.xrayHeader(traceId, callerSpanId)));

        assertCallsInTrace(output, user, id, traceId, callerSpanId);
    }

    /** The first bytes come on reads of their own, after the request was handled: what they start stays in its trace. */
    @Test
    void uploadRaw_inATrace_putsItsS3AndDynamoDbCallsAndLogLineIntoThatTrace(CapturedOutput output) {
        String user = newUser();
        String traceId = TestSpans.newTraceId();
        String callerSpanId = TestSpans.newSpanId();

        byte[] png = TestImages.png(8, 8);
        // the head arrives later, on a read of its own: what it starts must not depend on the subscriber's thread
        Flux<DataBuffer> slowHead = Flux.just(Arrays.copyOf(png, 8), Arrays.copyOfRange(png, 8, png.length))
                .concatMap(part -> Mono.delay(Duration.ofMillis(300)).thenReturn(DefaultDataBufferFactory.sharedInstance.wrap(part)));
        String id = id(client.post().uri("/api/photos?filename=traced.png")
                .headers(h -> h.setBearerAuth(TOKENS.valid(user)))
                .header("X-Amzn-Trace-Id", TestSpans.xrayHeader(traceId, callerSpanId))
                .contentType(MediaType.IMAGE_PNG)
                .contentLength(png.length)
                .body(slowHead, DataBuffer.class)
                .exchange());

        assertCallsInTrace(output, user, id, traceId, callerSpanId);
    }

    /** Deleting lists the photo's objects, deletes each and then the item, each call after the previous one's answer. */
    @Test
    void delete_inATrace_putsItsS3AndDynamoDbCallsAndLogLineIntoThatTrace(CapturedOutput output) {
        String user = newUser();
        String id = id(upload(user, "gone.png", TestImages.png(8, 8), Map.of()));
        String traceId = TestSpans.newTraceId();
        String callerSpanId = TestSpans.newSpanId();

        client.delete().uri("/api/photos/" + id).headers(h -> h.setBearerAuth(TOKENS.valid(user)))
                .header("X-Amzn-Trace-Id", TestSpans.xrayHeader(traceId, callerSpanId)).exchange()
                .expectStatus().isNoContent();

        SpanData server = spans.await(span -> span.getTraceId().equals(traceId) && span.getKind() == SpanKind.SERVER);
        List<SpanData> calls = List.of("DynamoDb.UpdateItem", "S3.ListObjectsV2", "S3.DeleteObject", "DynamoDb.DeleteItem").stream()
                .map(name -> spans.await(span -> span.getTraceId().equals(traceId) && span.getName().equals(name)))
                .toList();
        assertThat(calls).allSatisfy(call -> assertThat(call.getParentSpanId()).isEqualTo(server.getSpanId()));
        assertThat(output.getOut().lines().filter(line -> line.contains("photo deleted") && line.contains(id)))
                .singleElement().asString().contains("\"traceId\":\"" + traceId + "\"");
    }

    private void assertCallsInTrace(CapturedOutput output, String user, String id, String traceId, String callerSpanId) {
        SpanData server = spans.await(span -> span.getTraceId().equals(traceId) && span.getKind() == SpanKind.SERVER);
        assertThat(server.getParentSpanId()).isEqualTo(callerSpanId);
        SpanData put = spans.await(span -> span.getTraceId().equals(traceId) && span.getName().equals("S3.PutObject"));
        SpanData item = spans.await(span -> span.getTraceId().equals(traceId) && span.getName().equals("DynamoDb.PutItem"));
        assertThat(List.of(put, item)).allSatisfy(call -> {
            assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(call.getParentSpanId()).isEqualTo(server.getSpanId());
        });
        String key = "photos/" + user + "/" + id + "/original";
        assertThat(s3.headObject(r -> r.bucket(properties.bucket()).key(key)).join().metadata())
                .as("the upload's trace header, for thumbnail-service when S3 sends none")
                .containsEntry("trace", TestSpans.xrayHeader(traceId, server.getSpanId()));
        assertThat(output.getOut().lines().filter(line -> line.contains("photo stored") && line.contains(id)))
                .singleElement().asString().contains("\"traceId\":\"" + traceId + "\"");
    }

    @Test
    void upload_jpegWithoutGps_usesTheClientsLocationHints() {
        String user = newUser();
        byte[] jpeg = TestImages.jpeg(320, 240, new TestImages.ExifSpec(LocalDateTime.of(2025, 1, 2, 3, 4, 5), null,
                "Nikon", "Z6", 1, null, null));

        upload(user, "a.jpg", jpeg, Map.of("lat", "48.8584", "lng", "2.2945", "city", "Paris", "country", "France"))
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.location.source").isEqualTo("CLIENT")
                .jsonPath("$.location.city").isEqualTo("Paris")
                .jsonPath("$.takenAtLocal").isEqualTo("2025-01-02T03:04:05")
                .jsonPath("$.takenAt").doesNotExist()
                .jsonPath("$.camera.make").isEqualTo("Nikon");
    }

    @Test
    void upload_png_recordsItsDimensions() {
        upload(newUser(), "p.png", TestImages.png(33, 21), Map.of())
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.contentType").isEqualTo("image/png")
                .jsonPath("$.width").isEqualTo(33)
                .jsonPath("$.height").isEqualTo(21);
    }

    @Test
    void upload_textFileNamedJpg_returns415AndStoresNothing() {
        String user = newUser();

        upload(user, "evil.jpg", "hello, this is not an image at all".getBytes(), Map.of())
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/unsupported-image-type");
        assertThat(keys("photos/" + user + "/")).isEmpty();
    }

    @Test
    void upload_overTheLimit_returns413AndLeavesNothingInS3() {
        String user = newUser();
        byte[] big = TestImages.jpeg(64, 64, TestImages.ExifSpec.none());
        byte[] tooBig = new byte[(int) properties.maxUploadSize().toBytes() + 1024 * 1024];
        new Random(3).nextBytes(tooBig);
        System.arraycopy(big, 0, tooBig, 0, big.length);

        upload(user, "big.jpg", tooBig, Map.of())
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/photo-too-large");
        assertThat(keys("photos/" + user + "/")).isEmpty();
        assertThat(s3.listMultipartUploads(r -> r.bucket(properties.bucket()).prefix("photos/" + user + "/")).join().uploads())
                .isEmpty();
    }

    @Test
    void upload_truncatedJpeg_isStoredWithWhatCouldBeRead() {
        byte[] jpeg = TestImages.jpeg(400, 300, new TestImages.ExifSpec(null, null, "Sony", "A7", 1, null, null));

        upload(newUser(), "cut.jpg", Arrays.copyOf(jpeg, jpeg.length / 2), Map.of())
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.camera.make").isEqualTo("Sony");
    }

    @Test
    void upload_invalidFields_returns400NamingThemAndStoresNothing() {
        String user = newUser();
        String manyTags = String.join(",", IntStream.range(0, 21).mapToObj(i -> "t" + i).toList());

        upload(user, "a.png", TestImages.png(8, 8), Map.of("lat", "91", "lng", "0", "tags", manyTags))
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'lat')]").exists()
                .jsonPath("$.errors[?(@.field == 'tags')]").exists();
        assertThat(keys("photos/" + user + "/")).isEmpty();
    }

    @Test
    void upload_secondFilePart_returns400AndUndoesTheFirstFile() {
        String user = newUser();
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(TestImages.png(64, 64))).filename("a.png");
        body.part("file", new ByteArrayResource("not an image".getBytes())).filename("b.jpg");

        multipart(user, body)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        awaitNothingStored(user);
    }

    @Test
    void upload_invalidFieldAfterTheFile_returns400AndUndoesTheStoredFile() {
        String user = newUser();
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(TestImages.png(64, 64))).filename("a.png");
        body.part("lat", "91");
        body.part("lng", "0");

        multipart(user, body)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[?(@.field == 'lat')]").exists();
        awaitNothingStored(user);
    }

    @Test
    void upload_tooLargeFieldAfterTheFile_returns4xxAndUndoesTheStoredFile() {
        String user = newUser();
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(TestImages.png(64, 64))).filename("a.png");
        body.part("description", "x".repeat(400_000));

        multipart(user, body).expectStatus().is4xxClientError()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        awaitNothingStored(user);
    }

    @Test
    void upload_multipartBodyWithoutItsClosingBoundary_returns400AndUndoesTheStoredFile() {
        String user = newUser();
        String boundary = "cut-boundary-42";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] png = Arrays.copyOf(TestImages.png(64, 64), 300_000); // past the first blocks, so the upload has begun
        byte[] body = new byte[head.length + png.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(png, 0, body, head.length, png.length);

        client.post().uri("/api/photos")
                .headers(h -> h.setBearerAuth(TOKENS.valid(user)))
                .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary))
                .bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/malformed-multipart");
        awaitNothingStored(user);
    }

    /** Content-Length known, the file last (curl -F, browsers): one PutObject of the length the body implies. */
    @Test
    void upload_multipartOfKnownLengthWithTheFileLast_isStoredByOnePutOfTheFilesLength() {
        String user = newUser();
        byte[] small = TestImages.jpeg(640, 480, new TestImages.ExifSpec(LocalDateTime.of(2026, 7, 1, 10, 30, 0), "+02:00",
                "Canon", "EOS R6", 1, 43.4832, -1.5586));
        byte[] jpeg = new byte[1536 * 1024]; // past the first blocks: streamed while the body arrives
        new Random(7).nextBytes(jpeg);
        System.arraycopy(small, 0, jpeg, 0, small.length);
        byte[] body = formBody("b-last-1", "\r\n", field("tags", "Sea"), filePart("beach.jpg", jpeg));

        String id = id(rawForm(user, "b-last-1", body).expectStatus().isCreated());

        String key = "photos/" + user + "/" + id + "/original";
        assertThat(object(key)).isEqualTo(jpeg);
        assertThat(s3.headObject(r -> r.bucket(properties.bucket()).key(key)).join().eTag())
                .as("a single PUT's ETag, not a multipart upload's").doesNotContain("-");
        client.get().uri("/api/photos/" + id).headers(h -> h.setBearerAuth(TOKENS.valid(user))).exchange()
                .expectBody().jsonPath("$.tags[0]").isEqualTo("Sea").jsonPath("$.size").isEqualTo(jpeg.length);
    }

    /** A plain form's order: the file, then its fields. The object is filled to the implied length, then cut back. */
    @Test
    void upload_multipartOfKnownLengthWithFieldsAfterTheFile_storesTheFileExactlyAndLeavesNoUpload() {
        String user = newUser();
        byte[] png = TestImages.png(300, 200);
        byte[] body = formBody("b-first-2", "\r\n", filePart("a.png", png), field("note", "x".repeat(60_000)),
                field("unused", "y".repeat(60_000)), field("tags", "after"));

        String id = id(rawForm(user, "b-first-2", body).expectStatus().isCreated());

        String key = "photos/" + user + "/" + id + "/original";
        assertThat(object(key)).isEqualTo(png);
        assertThat(s3.listMultipartUploads(r -> r.bucket(properties.bucket()).prefix("photos/" + user + "/")).join().uploads())
                .isEmpty();
        client.get().uri("/api/photos/" + id).headers(h -> h.setBearerAuth(TOKENS.valid(user))).exchange()
                .expectBody().jsonPath("$.tags[0]").isEqualTo("after").jsonPath("$.size").isEqualTo(png.length);
    }

    /** RFC 2046 lets a body end right after "--boundary--"; a last file is then longer than assumed: 400, nothing kept. */
    @Test
    void upload_multipartOfKnownLengthEndingWithoutLineBreak_returns400AndStoresNothing() {
        String user = newUser();
        byte[] body = formBody("b-nocrlf-3", "", filePart("a.png", TestImages.png(64, 64)));

        rawForm(user, "b-nocrlf-3", body)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/malformed-multipart");
        awaitNothingStored(user);
    }

    /** A Content-Length past the limit is refused before the body is read. */
    @Test
    void upload_multipartDeclaringMoreThanTheLimit_returns413() {
        String user = newUser();
        rawForm(user, "b-big-4", formBody("b-big-4", "\r\n", filePart("a.png", TestImages.png(64, 64))),
                properties.maxUploadSize().toBytes() + 2 * 1024 * 1024)
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        awaitNothingStored(user);
    }

    private WebTestClient.ResponseSpec rawForm(String user, String boundary, byte[] body) {
        return rawForm(user, boundary, body, body.length);
    }

    /** A multipart body as bytes, with its Content-Length, on a connection of its own. */
    private WebTestClient.ResponseSpec rawForm(String user, String boundary, byte[] body, long declaredLength) {
        return unpooled().post().uri("/api/photos")
                .headers(h -> {
                    h.setBearerAuth(TOKENS.valid(user));
                    h.setContentLength(declaredLength);
                })
                .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary))
                // a Flux, so the declared length is sent as it is
                .body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)), DataBuffer.class)
                .exchange();
    }

    private static byte[] field(String name, String value) {
        return ("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] filePart(String fileName, byte[] content) {
        byte[] head = ("Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] part = Arrays.copyOf(head, head.length + content.length);
        System.arraycopy(content, 0, part, head.length, content.length);
        return part;
    }

    private static byte[] formBody(String boundary, String afterClosing, byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(part);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--" + afterClosing).getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void upload_multipartWithoutBoundary_returns400() {
        client.post().uri("/api/photos")
                .headers(h -> h.setBearerAuth(TOKENS.valid(newUser())))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .bodyValue("--x\r\n".getBytes(StandardCharsets.US_ASCII))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/malformed-multipart");
    }

    @Test
    void upload_withoutToken_returns401() {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(TestImages.png(4, 4))).filename("a.png");
        client.post().uri("/api/photos").body(BodyInserters.fromMultipartData(body.build())).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void upload_fiftyConcurrentByOneUser_makesFiftyDistinctPhotos() {
        String user = newUser();
        byte[] png = TestImages.png(16, 16);
        // the test's own threads: WebTestClient blocks, and its multipart encoding needs boundedElastic free
        var callers = Executors.newFixedThreadPool(50);

        List<String> ids = Flux.range(0, 50)
                .flatMap(i -> Mono.fromCallable(() -> (String) upload(user, "p" + i + ".png", png, Map.of())
                                .expectStatus().isCreated()
                                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                                .returnResult().getResponseBody().get("id"))
                        .subscribeOn(Schedulers.fromExecutorService(callers)), 50)
                .collectList()
                .block();
        callers.shutdown();

        assertThat(new HashSet<>(ids)).hasSize(50);
        assertThat(keys("photos/" + user + "/")).hasSize(50);
    }

    @Test
    void album_pagesNewestFirstWithoutGapsOrDuplicates_andRejectsForeignTamperedOrOtherListingsCursors() {
        String user = newUser();
        List<String> uploaded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            uploaded.add(0, (String) upload(user, "p" + i + ".png", TestImages.png(8, 8), Map.of()).expectStatus().isCreated()
                    .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody().get("id"));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        String firstCursor = null;
        do {
            String uri = "/api/photos?limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
            Map<String, Object> page = client.get().uri(uri).headers(h -> h.setBearerAuth(TOKENS.valid(user))).exchange()
                    .expectStatus().isOk()
                    .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
            ((List<Map<String, Object>>) page.get("items")).forEach(item -> seen.add((String) item.get("id")));
            cursor = (String) page.get("next");
            firstCursor = firstCursor == null ? cursor : firstCursor;
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(uploaded);
        String tampered = firstCursor.substring(0, 3) + (firstCursor.charAt(3) == 'A' ? 'B' : 'A') + firstCursor.substring(4);
        String foreignCursor = firstCursor;
        client.get().uri("/api/photos?cursor=" + tampered).headers(h -> h.setBearerAuth(TOKENS.valid(user))).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-cursor");
        client.get().uri("/api/photos?cursor=" + foreignCursor).headers(h -> h.setBearerAuth(TOKENS.valid(newUser()))).exchange()
                .expectStatus().isBadRequest();
        // the album by upload and by date taken page by different positions: one's cursor is no good in the other
        client.get().uri("/api/photos?order=taken&cursor=" + firstCursor).headers(h -> h.setBearerAuth(TOKENS.valid(user))).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-cursor");
        client.get().uri("/api/photos/search?q=p&cursor=" + firstCursor).headers(h -> h.setBearerAuth(TOKENS.valid(user))).exchange()
                .expectStatus().isBadRequest();
        client.get().uri("/api/photos?limit=101").headers(h -> h.setBearerAuth(TOKENS.valid(user))).exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    void otherUsersPhoto_answers404ToGetAndDelete_andDeleteRemovesEverything() {
        String owner = newUser();
        String intruder = newUser();
        String id = (String) upload(owner, "a.png", TestImages.png(8, 8), Map.of()).expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody().get("id");

        client.get().uri("/api/photos/" + id).headers(h -> h.setBearerAuth(TOKENS.valid(intruder))).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.delete().uri("/api/photos/" + id).headers(h -> h.setBearerAuth(TOKENS.valid(intruder))).exchange()
                .expectStatus().isNotFound();
        assertThat(keys("photos/" + owner + "/")).hasSize(1);

        client.delete().uri("/api/photos/" + id).headers(h -> h.setBearerAuth(TOKENS.valid(owner))).exchange()
                .expectStatus().isNoContent();
        assertThat(keys("photos/" + owner + "/")).isEmpty();
        client.get().uri("/api/photos/" + id).headers(h -> h.setBearerAuth(TOKENS.valid(owner))).exchange()
                .expectStatus().isNotFound();
        client.delete().uri("/api/photos/" + id).headers(h -> h.setBearerAuth(TOKENS.valid(owner))).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void search_matchesTagsDescriptionAndPlace_caseInsensitively_onlyInTheCallersAlbum() {
        String user = newUser();
        String beach = id(upload(user, "1.png", TestImages.png(8, 8), Map.of("tags", "Beach,holiday")));
        String sunset = id(upload(user, "2.png", TestImages.png(8, 8), Map.of("description", "Sunset at the SEA")));
        String paris = id(upload(user, "3.png", TestImages.png(8, 8), Map.of("city", "Paris", "country", "France")));

        assertThat(searchIds(user, "sea")).containsExactly(sunset);
        assertThat(searchIds(user, "BEACH")).containsExactly(beach);
        assertThat(searchIds(user, "aris")).containsExactly(paris);
        assertThat(searchIds(user, "a")).containsExactly(paris, sunset, beach);
        assertThat(searchIds(newUser(), "beach")).isEmpty();
    }

    @Test
    void map_listsOnlyGeotaggedPhotos() {
        String user = newUser();
        byte[] geotagged = TestImages.jpeg(64, 64, new TestImages.ExifSpec(null, null, null, null, 1, 35.6586, 139.7454));
        String tokyo = id(upload(user, "t.jpg", geotagged, Map.of()));
        upload(user, "plain.png", TestImages.png(8, 8), Map.of()).expectStatus().isCreated();

        client.get().uri("/api/photos/map").headers(h -> h.setBearerAuth(TOKENS.valid(user))).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].id").isEqualTo(tokyo)
                .jsonPath("$[0].lat").value(lat -> assertThat(((Number) lat).doubleValue()).isCloseTo(35.6586, Offset.offset(1e-4)));
    }

    @Test
    void patch_changesOnlyGivenFields_removesLocationOnNull_andIsFoundBySearch() {
        String user = newUser();
        String id = id(upload(user, "1.png", TestImages.png(8, 8), Map.of("tags", "old", "description", "keep me",
                "lat", "1", "lng", "2")));

        patch(user, id, Map.of("tags", List.of("Renamed", "new")))
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.tags[0]").isEqualTo("Renamed")
                .jsonPath("$.description").isEqualTo("keep me")
                .jsonPath("$.location.lat").isEqualTo(1.0);
        Map<String, Object> removeLocation = new HashMap<>();
        removeLocation.put("location", null);
        patch(user, id, removeLocation).expectStatus().isOk().expectBody().jsonPath("$.location").doesNotExist();
        assertThat(searchIds(user, "renamed")).containsExactly(id);
        assertThat(searchIds(user, "old")).isEmpty();
        patch(user, id, Map.of("location", Map.of("lat", 200, "lng", 0))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("lat");
        patch(user, id, Map.of("status", "READY")).expectStatus().isBadRequest();
        patch(newUser(), id, Map.of("tags", List.of("x"))).expectStatus().isNotFound();
    }

    private WebTestClient.ResponseSpec patch(String user, String id, Map<String, Object> body) {
        return client.patch().uri("/api/photos/" + id).headers(h -> h.setBearerAuth(TOKENS.valid(user)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private List<String> searchIds(String user, String q) {
        Map<String, Object> page = client.get().uri(b -> b.path("/api/photos/search").queryParam("q", q).build())
                .headers(h -> h.setBearerAuth(TOKENS.valid(user))).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> (String) item.get("id")).toList();
    }

    private static String id(WebTestClient.ResponseSpec created) {
        return (String) created.expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody().get("id");
    }

    private WebTestClient.ResponseSpec upload(String user, String fileName, byte[] bytes, Map<String, String> fields) {
        return upload(user, fileName, bytes, fields, "X-Test", "-");
    }

    private WebTestClient.ResponseSpec upload(String user, String fileName, byte[] bytes, Map<String, String> fields,
            String header, String value) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        fields.forEach(body::part);
        body.part("file", new ByteArrayResource(bytes)).filename(fileName).contentType(MediaType.APPLICATION_OCTET_STREAM);
        // generous: fifty uploads at once share two cores with the emulators
        return client.mutate().responseTimeout(Duration.ofSeconds(60)).build().post().uri("/api/photos")
                .headers(h -> h.setBearerAuth(TOKENS.valid(user)))
                .header(header, value)
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange();
    }

    /**
     * For bodies the service refuses part-way: it answers before reading them to the end and closes the connection, so
     * these go on connections of their own (a pooled one could be handed to the next test while it closes).
     */
    private WebTestClient.ResponseSpec multipart(String user, MultipartBodyBuilder body) {
        return unpooled().post().uri("/api/photos")
                .headers(h -> h.setBearerAuth(TOKENS.valid(user)))
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange();
    }

    private WebTestClient unpooled() {
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())))
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60))
                .build();
    }

    private void awaitNothingStored(String user) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(keys("photos/" + user + "/")).isEmpty();
            assertThat(dynamo.query(r -> r.tableName(properties.table()).consistentRead(true)
                    .keyConditionExpression("user_id = :u")
                    .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(user))))
                    .join().items()).isEmpty();
        });
    }

    private static String newUser() {
        return UUID.randomUUID().toString();
    }

    private byte[] object(String key) {
        return s3.getObject(r -> r.bucket(properties.bucket()).key(key), AsyncResponseTransformer.toBytes()).join().asByteArray();
    }

    private Set<String> keys(String prefix) {
        Set<String> keys = new HashSet<>();
        s3.listObjectsV2(r -> r.bucket(properties.bucket()).prefix(prefix)).join().contents().forEach(o -> keys.add(o.key()));
        return keys;
    }
}
