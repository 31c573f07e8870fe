package com.cloudalbum.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import javax.imageio.ImageIO;

import com.cloudalbum.system.TraceCollector.CollectedSpan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * One upload through the gateway, followed to its finished thumbnail in the spans the three services export and in
 * their logs. The client sends an X-Ray header, as a caller that is itself traced (or the ALB) would.
 */
@Order(3)
class TracingThroughGatewayIntegrationTest {

    static final String PASSWORD = "Corr3ct-horse";
    static RunningSystem system;
    static Api gateway;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.get();
        gateway = new Api("http://localhost:8080");
    }

    @Test
    void upload_isOneTrace_fromTheGatewayToTheFinishedThumbnail_andInEveryServicesLog() throws Exception {
        String token = signUpAndIn();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String traceId = String.format("%08x%08x%016x", System.currentTimeMillis() / 1000, random.nextInt(), random.nextLong());
        String callerSpanId = String.format("%016x", random.nextLong(1, Long.MAX_VALUE));
        Multipart multipart = new Multipart();

        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://localhost:8080/api/photos"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", multipart.contentType())
                .header("X-Amzn-Trace-Id", "Root=1-" + traceId.substring(0, 8) + "-" + traceId.substring(8)
                        + ";Parent=" + callerSpanId + ";Sampled=1")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart.bytes(Map.of(), "traced.jpg", jpeg())))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String photoId = Api.JSON.readTree(created.body()).path("id").asString();

        CollectedSpan gatewayIn = await(traceId, span -> span.service().equals("gateway") && span.kind().equals("SERVER"));
        CollectedSpan gatewayOut = await(traceId, span -> span.service().equals("gateway") && span.kind().equals("CLIENT"));
        CollectedSpan photoIn = await(traceId, span -> span.service().equals("photo-service") && span.kind().equals("SERVER"));
        CollectedSpan photoPut = await(traceId, span -> span.service().equals("photo-service") && span.name().equals("S3.PutObject"));
        CollectedSpan photoItem = await(traceId, span -> span.service().equals("photo-service") && span.name().equals("DynamoDb.PutItem"));
        CollectedSpan message = await(traceId, span -> span.service().equals("thumbnail-service") && span.kind().equals("CONSUMER"));
        await(traceId, span -> span.service().equals("thumbnail-service") && span.name().equals("DynamoDb.UpdateItem"));
        List<CollectedSpan> trace = system.traces.trace(traceId);
        trace.forEach(span -> System.out.println("[trace " + traceId + "] " + span));

        assertThat(gatewayIn.parentSpanId()).as("the caller's span").isEqualTo(callerSpanId);
        assertThat(gatewayOut.parentSpanId()).isEqualTo(gatewayIn.spanId());
        assertThat(photoIn.parentSpanId()).as("photo-service continues the gateway's call").isEqualTo(gatewayOut.spanId());
        assertThat(List.of(photoPut, photoItem)).allSatisfy(call -> assertThat(call.parentSpanId()).isEqualTo(photoIn.spanId()));
        assertThat(message.parentSpanId()).as("S3 → SQS: the message continues photo-service's PutObject")
                .isEqualTo(photoPut.spanId());
        assertThat(trace).filteredOn(span -> span.parentSpanId().equals(message.spanId()))
                .allSatisfy(call -> assertThat(call.kind()).isEqualTo("CLIENT"))
                .extracting(CollectedSpan::name)
                .contains("S3.GetObject", "S3.PutObject", "DynamoDb.UpdateItem");

        for (String service : List.of("gateway", "photo-service", "thumbnail-service")) {
            assertThat(logLinesOf(service, traceId)).as("%s log lines in trace %s", service, traceId).isNotEmpty();
        }
        assertThat(logLinesOf("photo-service", traceId)).anySatisfy(line -> assertThat(line).contains("photo stored").contains(photoId));
        assertThat(logLinesOf("thumbnail-service", traceId)).anySatisfy(line -> assertThat(line).contains("renditions ready").contains(photoId));
    }

    /** Spans are exported in batches (every 200 ms here): wait for the one wanted. */
    private static CollectedSpan await(String traceId, Predicate<CollectedSpan> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            var found = system.traces.trace(traceId).stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            assertThat(System.nanoTime()).as("span in trace %s: %s", traceId, system.traces.trace(traceId)).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The service's JSON log lines whose {@code traceId} is the one given. */
    private static List<String> logLinesOf(String service, String traceId) throws IOException {
        Path log = RunningSystem.runDir(RunningSystem.projectRoot()).resolve(service + ".log");
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.startsWith("{") && line.contains("\"traceId\":\"" + traceId + "\"")).toList();
        }
    }

    private static String signUpAndIn() {
        String email = "traced-" + UUID.randomUUID() + "@example.com";
        assertThat(gateway.json("POST", "/api/auth/signup", Map.of("email", email, "password", PASSWORD, "name", "T"), null).status())
                .isEqualTo(201);
        return gateway.json("POST", "/api/auth/signin", Map.of("email", email, "password", PASSWORD), null).text("accessToken");
    }

    private static byte[] jpeg() throws IOException {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        image.getGraphics().fillRect(8, 8, 200, 100);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
