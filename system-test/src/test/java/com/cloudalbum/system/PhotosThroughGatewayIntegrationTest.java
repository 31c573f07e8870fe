package com.cloudalbum.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import com.cloudalbum.common.test.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Photos end to end through the gateway, plus the streaming proof on a heap-capped photo-service. */
@Order(2)
class PhotosThroughGatewayIntegrationTest {

    static final String PASSWORD = "Corr3ct-horse";
    static Api gateway;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void system() throws Exception {
        RunningSystem.get();
        gateway = new Api("http://localhost:8080");
    }

    @Test
    void photo_uploadListSearchMapEditDelete_throughTheGateway() throws Exception {
        String owner = signUpAndIn();
        String intruder = signUpAndIn();

        HttpResponse<String> created = upload("http://localhost:8080", owner, "sea.jpg", jpeg(),
                Map.of("tags", "Holiday,Sea", "description", "First swim", "lat", "43.48", "lng", "-1.55", "city", "Biarritz"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode photo = Api.JSON.readTree(created.body());
        String id = photo.path("id").asString();
        assertThat(created.headers().firstValue("Location")).contains("/api/photos/" + id);
        String original = photo.path("urls").path("original").asString();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(original)).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(200);

        assertThat(gateway.get("/api/photos", owner).body().path("items").get(0).path("id").asString()).isEqualTo(id);
        assertThat(gateway.get("/api/photos/search?q=HOLIDAY", owner).body().path("items")).hasSize(1);
        assertThat(gateway.get("/api/photos/search?q=biarritz", owner).body().path("items")).hasSize(1);
        assertThat(gateway.get("/api/photos/map", owner).body().get(0).path("id").asString()).isEqualTo(id);
        assertThat(gateway.json("PATCH", "/api/photos/" + id, Map.of("tags", List.of("Edited")), owner).text("id")).isEqualTo(id);
        assertThat(gateway.get("/api/photos/search?q=edited", owner).body().path("items")).hasSize(1);

        assertThat(gateway.get("/api/photos/" + id, intruder).status()).isEqualTo(404);
        assertThat(gateway.json("PATCH", "/api/photos/" + id, Map.of("tags", List.of("x")), intruder).status()).isEqualTo(404);
        assertThat(gateway.send("DELETE", "/api/photos/" + id, null, null, intruder, Map.of()).status()).isEqualTo(404);
        assertThat(gateway.get("/api/photos", intruder).body().path("items")).isEmpty();

        assertThat(gateway.send("DELETE", "/api/photos/" + id, null, null, owner, Map.of()).status()).isEqualTo(204);
        assertThat(gateway.get("/api/photos/" + id, owner).status()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(original)).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .as("the original is gone from S3").isEqualTo(404);
    }

    /** thumbnail-service picks the upload up from S3's event on SQS; the album then links both renditions. */
    @Test
    void upload_reachesReadyWithThumbnailAndPreview_withinSeconds() throws Exception {
        String owner = signUpAndIn();
        HttpResponse<String> created = upload("http://localhost:8080", owner, "wide.jpg", jpeg(2400, 1600),
                Map.of("lat", "48.85", "lng", "2.35"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = Api.JSON.readTree(created.body()).path("id").asString();

        JsonNode photo = awaitStatus(id, owner, Duration.ofSeconds(20));

        assertThat(photo.path("status").asString()).isEqualTo("READY");
        assertThat(size(photo.path("urls").path("thumbnail").asString())).containsExactly(400, 267);
        assertThat(size(photo.path("urls").path("preview").asString())).containsExactly(1600, 1067);
        assertThat(gateway.get("/api/photos", owner).body().path("items").get(0).path("urls").path("thumbnail").isString())
                .isTrue();
        assertThat(gateway.get("/api/photos/map", owner).body().get(0).path("thumbnailUrl").isString()).isTrue();

        String thumbnail = photo.path("urls").path("thumbnail").asString();
        assertThat(gateway.send("DELETE", "/api/photos/" + id, null, null, owner, Map.of()).status()).isEqualTo(204);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(thumbnail)).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .as("the thumbnail goes with the photo").isEqualTo(404);
    }

    @Test
    void uploadRaw_throughTheGateway_reachesReadyWithItsFields() throws Exception {
        String token = signUpAndIn();
        byte[] file = jpeg(800, 600);

        HttpResponse<String> created = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:8080/api/photos?filename=raw.jpg&tags=raw,body&city=Lyon"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "image/jpeg")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(file))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode photo = Api.JSON.readTree(created.body());
        assertThat(created.headers().firstValue("Location")).contains("/api/photos/" + photo.path("id").asString());
        assertThat(photo.path("fileName").asString()).isEqualTo("raw.jpg");
        assertThat(photo.path("size").asLong()).isEqualTo(file.length);
        JsonNode ready = awaitStatus(photo.path("id").asString(), token, Duration.ofSeconds(60));
        assertThat(ready.path("status").asString()).isEqualTo("READY");
        assertThat(ready.path("location").path("city").asString()).isEqualTo("Lyon");
    }

    @Test
    void uploadRaw_chunkedThroughTheGateway_returns411Problem() throws Exception {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create("http://localhost:8080/api/photos?filename=a.jpg"))
                .header("Authorization", "Bearer " + signUpAndIn())
                .header("Content-Type", "image/jpeg")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[] {(byte) 0xFF, (byte) 0xD8})))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).isEqualTo(411);
        assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void upload_textFileNamedJpg_returns415Problem() throws Exception {
        HttpResponse<String> reply = upload("http://localhost:8080", signUpAndIn(), "notes.jpg", "just text".getBytes(), Map.of());

        assertThat(reply.statusCode()).isEqualTo(415);
        assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void upload_overTheLimit_returns413ProblemAndLeavesNoPhoto() throws Exception {
        String token = signUpAndIn();
        Multipart multipart = new Multipart();
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create("http://localhost:8080/api/photos"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", multipart.contentType())
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                        multipart.body(Map.of(), "huge.jpg", Multipart.generatedJpeg(51L * 1024 * 1024))))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).isEqualTo(413);
        assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(gateway.get("/api/photos", token).body().path("items")).isEmpty();
    }

    /**
     * photo-service with a 96 MB heap takes a 320 MB upload in both forms: the bytes stream through to S3 instead
     * of being held. Runs a second photo-service process beside the system, on port 18082.
     */
    @Test
    void upload_severalTimesLargerThanTheHeap_succeedsOnAHeapCappedPhotoService() throws Exception {
        Path root = RunningSystem.projectRoot();
        Process photoService = new ProcessBuilder("java", "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", root.resolve("photo-service/target/photo-service.jar").toString(),
                "--server.port=18082", "--album.photo.max-upload-size=1GB", "--spring.profiles.active=local")
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("system-test/target/photo-service-96m.log").toFile())
                .start();
        try {
            awaitReady("http://localhost:18082/actuator/health/readiness", Duration.ofMinutes(2));
            long size = 320L * 1024 * 1024;
            String token = TestTokens.cognitoLocal("http://localhost:9229/local_cloudalbum", "cloudalbumlocalwebclient1")
                    .valid(UUID.randomUUID().toString());
            Multipart multipart = new Multipart();
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create("http://localhost:18082/api/photos"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", multipart.contentType())
                    .timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> multipart.body(Map.of(), "big.jpg", Multipart.generatedJpeg(size))))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
            assertThat(Api.JSON.readTree(reply.body()).path("size").asLong()).isEqualTo(size);

            HttpResponse<String> raw = http.send(HttpRequest.newBuilder(URI.create("http://localhost:18082/api/photos?filename=big.jpg"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "image/jpeg")
                    .timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> Multipart.generatedJpeg(size)), size))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(raw.statusCode()).as(raw.body()).isEqualTo(201);
            assertThat(Api.JSON.readTree(raw.body()).path("size").asLong()).isEqualTo(size);
            assertThat(photoService.isAlive()).isTrue();
        } finally {
            photoService.destroy();
            photoService.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void awaitReady(String url, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            assertThat(System.nanoTime()).as("%s ready in time", url).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private HttpResponse<String> upload(String base, String token, String fileName, byte[] file, Map<String, String> fields)
            throws Exception {
        Multipart multipart = new Multipart();
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/photos"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", multipart.contentType())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart.bytes(fields, fileName, file)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String signUpAndIn() {
        String email = "photos-" + UUID.randomUUID() + "@example.com";
        assertThat(gateway.json("POST", "/api/auth/signup", Map.of("email", email, "password", PASSWORD, "name", "P"), null).status())
                .isEqualTo(201);
        return gateway.json("POST", "/api/auth/signin", Map.of("email", email, "password", PASSWORD), null).text("accessToken");
    }

    /** Polls the photo until it leaves PROCESSING; fails after {@code timeout}. */
    private JsonNode awaitStatus(String id, String token, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode photo = gateway.get("/api/photos/" + id, token).body();
            if (!"PROCESSING".equals(photo.path("status").asString())) {
                return photo;
            }
            assertThat(System.nanoTime()).as("photo %s still PROCESSING after %s", id, timeout).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private int[] size(String url) throws Exception {
        HttpResponse<byte[]> reply = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).contains("image/jpeg");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(reply.body()));
        return new int[] {image.getWidth(), image.getHeight()};
    }

    private static byte[] jpeg() throws Exception {
        return jpeg(64, 48);
    }

    private static byte[] jpeg(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.getGraphics().fillRect(8, 8, 20, 20);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
