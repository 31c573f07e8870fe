package com.cloudalbum.photo.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.cloudalbum.common.test.LocalAws;
import com.cloudalbum.common.test.TestTokens;
import com.cloudalbum.photo.config.PhotoProperties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** The raw-body upload ({@code POST /api/photos?…} with the image as the body) on DynamoDB Local and S3Mock. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "album.photo.max-upload-size=2MB", "album.photo.upload-idle-timeout=2s", "album.photo.sweeper.enabled=false"})
@AutoConfigureWebTestClient
class RawUploadIntegrationTest {

    static final TestTokens TOKENS = UploadIntegrationTest.TOKENS;

    @Autowired
    WebTestClient client;

    @Autowired
    S3AsyncClient s3;

    @Autowired
    DynamoDbAsyncClient dynamo;

    @Autowired
    PhotoProperties properties;

    @Autowired
    UploadService uploads;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        LocalAws.registerEndpoints(registry);
    }

    /** A client faster than S3 is read only as fast as S3 takes the bytes: a few chunks ahead, not Reactor's 256. */
    @Test
    void uploadRaw_bodyFasterThanStorage_isAskedForAFewChunksAtATime() {
        String user = newUser();
        byte[] png = TestImages.png(64, 64);
        int chunks = 200; // 1.6 MB, under this test's 2 MB limit
        byte[] filler = new byte[8 * 1024];
        List<Long> asked = new CopyOnWriteArrayList<>();
        Flux<DataBuffer> body = Flux.range(0, chunks)
                .<DataBuffer>map(i -> DefaultDataBufferFactory.sharedInstance.wrap(i == 0 ? png : filler))
                .doOnRequest(asked::add);

        StepVerifier.create(uploads.uploadRaw(user, Map.of("filename", "fast.png"), png.length + (long) (chunks - 1) * filler.length, body))
                .assertNext(photo -> assertThat(photo.size()).isEqualTo(png.length + (long) (chunks - 1) * filler.length))
                .verifyComplete();

        assertThat(asked).isNotEmpty().allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(UploadService.AHEAD));
    }

    @Test
    void uploadRaw_jpegWithExif_returns201WithLocationAndStoresTheBytesAndAProcessingItem() {
        String user = newUser();
        byte[] jpeg = TestImages.jpeg(640, 480, new TestImages.ExifSpec(LocalDateTime.of(2026, 7, 1, 10, 30, 0), "+02:00",
                "Canon", "EOS R6", 6, 43.4832, -1.5586));

        Map<String, Object> photo = raw(user, "?filename=beach.jpg&tags=Sea,summer&description=Beach&city=Ignored", jpeg,
                MediaType.IMAGE_JPEG)
                .expectStatus().isCreated()
                .expectHeader().value("Location", location -> assertThat(location).startsWith("/api/photos/"))
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();

        assertThat(photo).containsEntry("status", "PROCESSING").containsEntry("fileName", "beach.jpg")
                .containsEntry("takenAt", "2026-07-01T08:30:00Z").containsEntry("orientation", 6)
                .containsEntry("size", jpeg.length);
        assertThat(photo.get("tags")).isEqualTo(List.of("Sea", "summer"));
        assertThat((Map<String, Object>) photo.get("location")).containsEntry("source", "EXIF");
        assertThat(object("photos/" + user + "/" + photo.get("id") + "/original")).isEqualTo(jpeg);
        assertThat(items(user)).singleElement().satisfies(item -> {
            assertThat(item.get("status").s()).isEqualTo("PROCESSING");
            assertThat(item).containsKey("pending").containsKey("deadline");
        });
    }

    @Test
    void uploadRaw_octetStreamPng_isDetectedFromItsBytes() {
        raw(newUser(), "", TestImages.png(33, 21), MediaType.APPLICATION_OCTET_STREAM)
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.contentType").isEqualTo("image/png")
                .jsonPath("$.fileName").isEqualTo("photo.png")
                .jsonPath("$.width").isEqualTo(33);
    }

    @Test
    void uploadRaw_textBody_returns415AndStoresNothing() {
        String user = newUser();

        raw(user, "?filename=evil.jpg", "hello, this is not an image at all".getBytes(), MediaType.IMAGE_JPEG)
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/unsupported-image-type");
        assertNothingStored(user);
    }

    @Test
    void uploadRaw_withoutContentLength_returns411() {
        String user = newUser();
        DataBuffer chunk = DefaultDataBufferFactory.sharedInstance.wrap(TestImages.png(8, 8));

        // answered before the body is read, then closed: on a connection of its own, not one the pool hands on
        WebTestClient.bindToServer(new ReactorClientHttpConnector(
                        HttpClient.create(ConnectionProvider.newConnection())))
                .baseUrl("http://localhost:" + port).build()
                .post().uri("/api/photos?filename=a.png").headers(h -> h.setBearerAuth(TOKENS.valid(user)))
                .contentType(MediaType.IMAGE_PNG)
                .body(Flux.just(chunk), DataBuffer.class) // a Flux body goes out chunked, without a length
                .exchange()
                .expectStatus().isEqualTo(411)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/length-required");
        assertNothingStored(user);
    }

    @Test
    void uploadRaw_declaredLengthOverTheLimit_returns413BeforeReadingTheBody() throws IOException {
        String user = newUser();
        long tooLarge = properties.maxUploadSize().toBytes() + 1;

        // only the headers are sent: the answer must not wait for a body
        String answer = exchange(user, "?filename=big.jpg", tooLarge, new byte[0], true);

        assertThat(answer).startsWith("HTTP/1.1 413").contains("/problems/photo-too-large");
        assertNothingStored(user);
    }

    @Test
    void uploadRaw_invalidFields_returns400BeforeReadingTheBody() throws IOException {
        String user = newUser();

        String answer = exchange(user, "?filename=a.jpg&lat=91&lng=0", 1_000_000, new byte[0], true);

        assertThat(answer).startsWith("HTTP/1.1 400").contains("\"field\":\"lat\"");
        assertNothingStored(user);
    }

    @Test
    void uploadRaw_bodyShorterThanDeclared_endsAt400ClassAfterTheIdleTimeout_andStoresNothing() throws IOException {
        String user = newUser();
        byte[] half = Arrays.copyOf(TestImages.jpeg(64, 64, TestImages.ExifSpec.none()), 300_000);

        String answer = exchange(user, "?filename=short.jpg", 600_000, half, true);

        assertThat(answer).startsWith("HTTP/1.1 408").contains("/problems/body-timeout");
        awaitNothingStored(user);
    }

    @Test
    void uploadRaw_clientHangsUpHalfWay_leavesNoObjectAndNoItem() throws IOException {
        String user = newUser();
        byte[] start = Arrays.copyOf(TestImages.jpeg(64, 64, TestImages.ExifSpec.none()), 700_000);

        exchange(user, "?filename=gone.jpg", 1_500_000, start, false);

        awaitNothingStored(user);
    }

    @Test
    void uploadRaw_clientHangsUpRightAfterItsLastByte_leavesEitherAWholePhotoOrNothing() throws IOException {
        String user = newUser();
        byte[] jpeg = noisyJpeg(1_500_000);

        exchange(user, "?filename=last-byte.jpg", jpeg.length, jpeg, false);

        awaitTheExactFileOrNothing(user, jpeg);
    }

    @Test
    void uploadRaw_clientSendsMoreThanItDeclared_storesExactlyTheDeclaredBytes() throws IOException {
        String user = newUser();
        byte[] jpeg = noisyJpeg(400_000);
        int declared = 300_000;

        // HTTP/1.1 frames the body by Content-Length: the rest is read as the next request, never as this photo
        String answer = exchange(user, "?filename=more.jpg", declared, jpeg, true);

        assertThat(answer).startsWith("HTTP/1.1 201");
        assertThat(keys("photos/" + user + "/")).singleElement()
                .satisfies(key -> assertThat(object(key)).isEqualTo(Arrays.copyOf(jpeg, declared)));
    }

    @Test
    void uploadMultipart_clientHangsUpHalfWayThroughTheFile_leavesNoObjectAndNoItem() throws IOException {
        String user = newUser();
        byte[][] form = form(noisyJpeg(1_500_000), "");

        exchange(user, "", "multipart/form-data; boundary=" + BOUNDARY, form[1].length,
                Arrays.copyOf(form[1], 700_000), false);

        awaitNothingStored(user);
    }

    /** A file followed by a field is padded, then cut back in S3: a hang-up at the end must never leave the padding. */
    @Test
    void uploadMultipart_fileBeforeAFieldAndClientHangsUpAfterItsLastByte_leavesTheExactFileOrNothing() throws IOException {
        String user = newUser();
        byte[][] form = form(noisyJpeg(1_500_000), "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\nx\r\n");

        exchange(user, "", "multipart/form-data; boundary=" + BOUNDARY, form[1].length, form[1], false);

        awaitTheExactFileOrNothing(user, form[0]);
    }

    private static final String BOUNDARY = "hang-up-boundary";

    /** {file, body}: a form with the file first, then {@code after} (more parts, each ending in CRLF), then the close. */
    private static byte[][] form(byte[] file, String after) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(file);
        body.writeBytes(("\r\n" + after + "--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return new byte[][] {file, body.toByteArray()};
    }

    /** A JPEG header followed by noise, so the body is large but still detected as a JPEG. */
    private static byte[] noisyJpeg(int size) {
        byte[] head = TestImages.jpeg(64, 64, TestImages.ExifSpec.none());
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    /**
     * A raw HTTP/1.1 exchange on a plain socket: the headers with {@code declaredLength}, then {@code body}; then either
     * reads the answer ({@code readAnswer}) or hangs up at once.
     */
    private String exchange(String user, String query, long declaredLength, byte[] body, boolean readAnswer) throws IOException {
        return exchange(user, query, "image/jpeg", declaredLength, body, readAnswer);
    }

    private String exchange(String user, String query, String contentType, long declaredLength, byte[] body, boolean readAnswer)
            throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/photos" + query + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType + "\r\n"
                    + "Authorization: Bearer " + TOKENS.valid(user) + "\r\nContent-Length: " + declaredLength + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            if (!readAnswer) {
                return "";
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            // the answer ends when the server closes or the problem's JSON is complete
            while ((n = in.read(buffer)) > 0) {
                answer.write(buffer, 0, n);
                String text = answer.toString(StandardCharsets.UTF_8);
                if (text.contains("\r\n\r\n") && text.trim().endsWith("}")) {
                    break;
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private WebTestClient.ResponseSpec raw(String user, String query, byte[] bytes, MediaType type) {
        return client.mutate().responseTimeout(Duration.ofSeconds(60)).build().post().uri("/api/photos" + query)
                .headers(h -> h.setBearerAuth(TOKENS.valid(user)))
                .contentType(type)
                .bodyValue(bytes)
                .exchange();
    }

    /** A hang-up at the very end may fall either side of the upload's last write: a whole photo, or nothing at all. */
    private void awaitTheExactFileOrNothing(String user, byte[] file) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Map<String, AttributeValue>> items = items(user);
            List<String> keys = keys("photos/" + user + "/");
            if (items.isEmpty()) {
                assertThat(keys).isEmpty();
            } else {
                assertThat(items).singleElement().satisfies(item -> assertThat(item.get("status").s()).isEqualTo("PROCESSING"));
                assertThat(keys).singleElement().satisfies(key -> assertThat(object(key)).isEqualTo(file));
            }
        });
    }

    private void assertNothingStored(String user) {
        assertThat(keys("photos/" + user + "/")).isEmpty();
        assertThat(items(user)).isEmpty();
    }

    private void awaitNothingStored(String user) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertNothingStored(user));
    }

    private List<Map<String, AttributeValue>> items(String user) {
        return dynamo.query(r -> r.tableName(properties.table()).consistentRead(true)
                .keyConditionExpression("user_id = :u")
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(user)))).join().items();
    }

    private byte[] object(String key) {
        return s3.getObject(r -> r.bucket(properties.bucket()).key(key), AsyncResponseTransformer.toBytes()).join().asByteArray();
    }

    private List<String> keys(String prefix) {
        return s3.listObjectsV2(r -> r.bucket(properties.bucket()).prefix(prefix)).join().contents().stream()
                .map(o -> o.key()).toList();
    }

    private static String newUser() {
        return UUID.randomUUID().toString();
    }
}
