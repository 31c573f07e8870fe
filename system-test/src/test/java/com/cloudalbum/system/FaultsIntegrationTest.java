package com.cloudalbum.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.cloudalbum.contract.photo.PhotoKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Faults on the embedded stack: processes killed ({@code kill -9}) and restarted, the stack paused (SIGSTOP) for
 * 20 s, clients hanging up. A gateway, a photo-service and a thumbnail-service of this test's own run beside the
 * system on ports 18080/18082/18083 (the photo-service with short sweeper deadlines), so killing them leaves the
 * shared system alone. After each fault: every answer that is a 5xx is a problem, no photo stays unfinished, every
 * item has its original and every object its item, no multipart upload is left — within 2 minutes, without help.
 */
@Order(4)
class FaultsIntegrationTest {

    static final String PASSWORD = "Corr3ct-horse";
    static final long BIG = 40L * 1024 * 1024;
    static final Duration SETTLE = Duration.ofMinutes(2);
    static final String BUCKET = "cloudalbum-photos";

    static ServiceProcess photo;
    static ServiceProcess gateway;
    static ServiceProcess thumbnails;
    static DynamoDbClient dynamo;
    static S3Client s3;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void system() throws Exception {
        RunningSystem.get();
        photo = new ServiceProcess("photo-service", 18082,
                // an upload may take 15 s here, so a dead one is swept after 15 + 2 s; orphans after 20 s
                "--album.photo.upload-max-duration=15s", "--album.photo.sweeper.interval=2s", "--album.photo.sweeper.margin=2s",
                "--album.photo.sweeper.orphan-grace=20s", "--album.photo.sweeper.processing-deadline=90s").start();
        gateway = new ServiceProcess("gateway", 18080, "--album.gateway.photo-service-uri=" + photo.url()).start();
        thumbnails = new ServiceProcess("thumbnail-service", 18083);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        dynamo = DynamoDbClient.builder().endpointOverride(URI.create("http://localhost:8000")).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        s3 = S3Client.builder().endpointOverride(URI.create("http://localhost:9090")).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        thumbnails.destroy();
        gateway.destroy();
        photo.destroy();
    }

    @Test
    void photoServiceKilledDuringUploads_restarted_leavesNothingStuckOrOrphaned() throws Exception {
        User user = signUp();
        List<CompletableFuture<HttpResponse<String>>> uploads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            uploads.add(i < 3 ? raw(user, BIG, true) : multipart(user, BIG, true));
        }
        Thread.sleep(1500);

        photo.kill();

        for (CompletableFuture<HttpResponse<String>> upload : uploads) {
            HttpResponse<String> reply = upload.get(2, TimeUnit.MINUTES);
            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(503);
            assertProblem(reply);
        }
        photo.start();
        awaitConsistent(user);
    }

    @Test
    void gatewayKilledDuringUploads_restarted_leavesNothingStuckOrOrphaned() throws Exception {
        User user = signUp();
        List<CompletableFuture<HttpResponse<String>>> uploads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            uploads.add(i < 3 ? raw(user, BIG, true) : multipart(user, BIG, true));
        }
        Thread.sleep(1500);

        gateway.kill();

        for (CompletableFuture<HttpResponse<String>> upload : uploads) {
            assertThat(upload).failsWithin(Duration.ofMinutes(1)); // the connection is gone: no answer at all
        }
        gateway.start();
        awaitConsistent(user);
        assertThat(photo.ready()).isTrue();
    }

    @Test
    void clientsHangingUpRightAfterTheirLastByte_leaveWholePhotosOrNothing() throws Exception {
        User user = signUp();
        byte[] jpeg = TestPhotos.jpeg(800, 600);

        for (int i = 0; i < 20; i++) {
            try (Socket socket = new Socket("localhost", 18080)) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/photos?filename=hang-" + i + ".jpg HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/jpeg\r\n"
                        + "Authorization: Bearer " + user.token() + "\r\nContent-Length: " + jpeg.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(jpeg);
                out.flush();
                Thread.sleep(i * 15L); // 0–300 ms after the last byte
            }
        }

        awaitConsistent(user);
    }

    @Test
    void stackPausedFor20sDuringUploadsAndListing_answersProblemsAndRecoversWithoutHelp() throws Exception {
        User user = signUp();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(i < 3 ? raw(user, 8L * 1024 * 1024, true) : multipart(user, 8L * 1024 * 1024, true));
        }
        List<Long> stack = stackProcesses();
        Thread.sleep(500);

        signal(stack, "STOP");
        try {
            for (int i = 0; i < 5; i++) {
                calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/photos"))
                        .header("Authorization", "Bearer " + user.token()).timeout(Duration.ofMinutes(2)).build(),
                        HttpResponse.BodyHandlers.ofString()));
                Thread.sleep(4000);
            }
        } finally {
            signal(stack, "CONT");
        }

        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> reply = call.get(3, TimeUnit.MINUTES);
            assertThat(reply.statusCode()).as(reply.body()).isIn(200, 201, 503, 504, 408);
            if (reply.statusCode() >= 500) {
                assertProblem(reply);
            }
        }
        awaitConsistent(user);
        for (String url : List.of("http://localhost:8080", "http://localhost:8081", "http://localhost:8082", "http://localhost:8083",
                gateway.url(), photo.url())) {
            awaitReady(url);
        }
    }

    @Test
    void thumbnailServiceKilledDuringABatch_restarted_makesEveryPhotoReady() throws Exception {
        List<Long> shared = pidsListeningOn(8083);
        signal(shared, "STOP"); // only this test's thumbnail-service consumes the queue meanwhile
        try {
            thumbnails.start();
            User user = signUp();
            byte[] jpeg = TestPhotos.jpeg(1600, 1200);
            List<CompletableFuture<HttpResponse<String>>> uploads = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                uploads.add(http.sendAsync(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/photos?filename=batch-" + i + ".jpg"))
                        .header("Authorization", "Bearer " + user.token()).header("Content-Type", "image/jpeg")
                        .timeout(Duration.ofMinutes(1)).POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> upload : uploads) {
                assertThat(upload.get(1, TimeUnit.MINUTES).statusCode()).isEqualTo(201);
            }

            thumbnails.kill();
            thumbnails.start();

            awaitConsistent(user);
            assertThat(items(user)).hasSize(20).allSatisfy(item -> assertThat(item.get("status").s()).isEqualTo("READY"));
        } finally {
            thumbnails.destroy();
            signal(shared, "CONT");
        }
    }

    /** No item unfinished, every item with its original, every object with its item, no multipart upload left. */
    private void awaitConsistent(User user) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        AssertionError last = null;
        while (System.nanoTime() < deadline) {
            try {
                assertConsistent(user);
                return;
            } catch (AssertionError | RuntimeException e) {
                last = e instanceof AssertionError a ? a : new AssertionError(e);
            }
            Thread.sleep(1000);
        }
        throw last;
    }

    private void assertConsistent(User user) {
        List<Map<String, AttributeValue>> items = items(user);
        Set<String> keys = new HashSet<>();
        s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix("photos/" + user.id() + "/")).contents()
                .forEach(object -> keys.add(object.key()));
        Set<String> ids = new HashSet<>();
        for (Map<String, AttributeValue> item : items) {
            ids.add(item.get("id").s());
            assertThat(item.get("status").s()).as("status of %s", item.get("id").s()).isIn("READY", "FAILED");
            assertThat(keys).as("original of %s", item.get("id").s()).contains(item.get("original_key").s());
        }
        for (String key : keys) {
            PhotoKey photo = PhotoKey.parseAny(key);
            assertThat(photo).as(key).isNotNull();
            assertThat(ids).as("item of %s", key).contains(photo.photoId());
        }
        assertThat(s3.listMultipartUploads(r -> r.bucket(BUCKET).prefix("photos/" + user.id() + "/")).uploads())
                .as("incomplete multipart uploads").isEmpty();
    }

    private List<Map<String, AttributeValue>> items(User user) {
        return dynamo.query(r -> r.tableName("Photo").consistentRead(true).keyConditionExpression("user_id = :u")
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(user.id())))).items();
    }

    private CompletableFuture<HttpResponse<String>> raw(User user, long size, boolean slow) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/photos?filename=big.jpg"))
                        .header("Authorization", "Bearer " + user.token()).header("Content-Type", "image/jpeg")
                        .timeout(Duration.ofMinutes(2))
                        .POST(HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> body(size, slow)), size))
                        .build(), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> multipart(User user, long size, boolean slow) {
        Multipart multipart = new Multipart();
        return http.sendAsync(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/photos"))
                        .header("Authorization", "Bearer " + user.token()).header("Content-Type", multipart.contentType())
                        .timeout(Duration.ofMinutes(2))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> multipart.body(Map.of(), "big.jpg", body(size, slow))))
                        .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A generated JPEG-like body; slow ones take about 5 s for 40 MB, so a fault lands in the middle. */
    private static InputStream body(long size, boolean slow) {
        InputStream bytes = Multipart.generatedJpeg(size);
        if (!slow) {
            return bytes;
        }
        return new FilterInputStream(bytes) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    Thread.sleep(8);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                return super.read(b, off, Math.min(len, 64 * 1024));
            }
        };
    }

    private static void assertProblem(HttpResponse<String> reply) {
        assertThat(reply.headers().firstValue("Content-Type").orElse("")).as(reply.body()).startsWith("application/problem+json");
    }

    private User signUp() {
        Api api = new Api(gateway.url());
        String email = "faults-" + UUID.randomUUID() + "@example.com";
        assertThat(api.json("POST", "/api/auth/signup", Map.of("email", email, "password", PASSWORD, "name", "F"), null).status())
                .isEqualTo(201);
        String token = api.json("POST", "/api/auth/signin", Map.of("email", email, "password", PASSWORD), null).text("accessToken");
        return new User(api.get("/api/users/me", token).body().path("id").asString(), token);
    }

    private void awaitReady(String base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not answering yet
            }
            assertThat(System.nanoTime()).as("%s ready again", base).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** The emulators' processes: the launcher JVM and what it started (S3Mock, cognito-local). */
    private static List<Long> stackProcesses() throws Exception {
        Set<Long> pids = new HashSet<>();
        for (int port : List.of(8000, 9090, 9324, 9229)) {
            pids.addAll(pidsListeningOn(port));
        }
        return List.copyOf(pids);
    }

    private static List<Long> pidsListeningOn(int port) throws Exception {
        Process ss = new ProcessBuilder("ss", "-ltnpH", "sport = :" + port).redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor();
        List<Long> pids = new ArrayList<>();
        Matcher m = Pattern.compile("pid=(\\d+)").matcher(out);
        while (m.find()) {
            pids.add(Long.parseLong(m.group(1)));
        }
        assertThat(pids).as("a process listening on %d", port).isNotEmpty();
        return pids;
    }

    private static void signal(List<Long> pids, String signal) throws Exception {
        for (long pid : pids) {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
        }
    }

    record User(String id, String token) {
    }
}
