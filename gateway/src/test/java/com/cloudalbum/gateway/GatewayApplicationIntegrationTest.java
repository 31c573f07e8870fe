package com.cloudalbum.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import com.cloudalbum.common.test.ServiceConventionsContract;
import com.cloudalbum.common.test.TestSpans;
import com.cloudalbum.common.test.TestTokens;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

/**
 * Routes against a stub user-service on a random port that also serves the pool's JWKS (a key of
 * the test's own); photo-service points at a closed port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class GatewayApplicationIntegrationTest extends ServiceConventionsContract {

    private static final String CLIENT = "test-client";
    private static final DisposableServer STUB = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(routes -> routes
                    .get("/pool/.well-known/jwks.json", (request, response) -> response
                            .header("Content-Type", "application/json")
                            .sendString(Mono.fromSupplier(() -> tokens().jwks())))
                    .get("/api/users/me", (request, response) -> response
                            .header("Content-Type", "application/json")
                            .sendString(Mono.just("{\"from\":\"user-service\",\"path\":\"" + request.uri()
                                    + "\",\"authorization\":" + (request.requestHeaders().get("Authorization") != null)
                                    + ",\"xUserId\":\"" + request.requestHeaders().get("X-User-Id")
                                    + "\",\"xray\":\"" + request.requestHeaders().getAll("X-Amzn-Trace-Id")
                                    + "\",\"traceparent\":\"" + request.requestHeaders().get("traceparent") + "\"}")))
                    // reads the whole body before answering, so a limit hit while streaming decides the answer
                    .post("/api/auth/echo-length", (request, response) -> response
                            .header("Content-Type", "application/json")
                            .sendString(request.receive().aggregate().asString().defaultIfEmpty("")
                                    .map(body -> "{\"length\":" + body.length() + "}")))
                    // the body's SHA-256, to show a proxied body arrives byte for byte
                    .post("/api/auth/echo-digest", (request, response) -> response
                            .header("Content-Type", "application/json")
                            .sendString(request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0])
                                    .map(body -> "{\"length\":" + body.length + ",\"sha256\":\"" + sha256(body) + "\"}")))
                    .post("/api/auth/signin", (request, response) -> response
                            .header("Content-Type", "application/json")
                            .sendString(Mono.just("{\"public\":true}"))))
            .bindNow();
    private static TestTokens tokens;

    static synchronized TestTokens tokens() {
        if (tokens == null) {
            tokens = TestTokens.withNewKey(issuer(), CLIENT);
        }
        return tokens;
    }

    static String issuer() {
        return "http://127.0.0.1:" + STUB.port() + "/pool";
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws Exception {
        registry.add("album.gateway.user-service-uri", () -> "http://127.0.0.1:" + STUB.port());
        registry.add("album.security.issuer", GatewayApplicationIntegrationTest::issuer);
        registry.add("album.security.client-ids", () -> CLIENT);
        try (ServerSocket closed = new ServerSocket(0)) {
            int port = closed.getLocalPort();
            registry.add("album.gateway.photo-service-uri", () -> "http://127.0.0.1:" + port);
        }
    }

    @AfterAll
    static void stopStub() {
        STUB.disposeNow();
    }

    @Test
    void userRoute_withValidToken_forwardsTheTokenAndStripsForgedIdentityHeaders() {
        client.get().uri("/api/users/me?x=1")
                .headers(h -> h.setBearerAuth(tokens().valid("user-1")))
                .header("X-User-Id", "victim")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.from").isEqualTo("user-service")
                .jsonPath("$.path").isEqualTo("/api/users/me?x=1")
                .jsonPath("$.authorization").isEqualTo(true)
                .jsonPath("$.xUserId").isEqualTo("null");
    }

    /** The service's span must hang under the gateway's: one X-Ray header, same root, the gateway's client span as parent. */
    @Test
    void userRoute_inATrace_forwardsTheTraceWithTheGatewaysClientSpanAsParent(CapturedOutput output) {
        String traceId = TestSpans.newTraceId();
        String callerSpanId = TestSpans.newSpanId();

        String forwarded = client.get().uri("/api/users/me")
                .headers(h -> h.setBearerAuth(tokens().valid("user-1")))
                .header("X-Amzn-Trace-Id", TestSpans.xrayHeader(traceId, callerSpanId))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        SpanData server = spans.await(span -> span.getTraceId().equals(traceId) && span.getKind() == SpanKind.SERVER);
        SpanData toService = spans.await(span -> span.getTraceId().equals(traceId) && span.getKind() == SpanKind.CLIENT);
        assertThat(server.getParentSpanId()).isEqualTo(callerSpanId);
        assertThat(toService.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(forwarded).contains("\"xray\":\"[" + TestSpans.xrayHeader(traceId, toService.getSpanId()) + "]\"")
                .contains("\"traceparent\":\"00-" + traceId + "-" + toService.getSpanId() + "-01\"");
        assertThat(output.getOut().lines().filter(line -> line.contains("request [method=GET, path=/api/users/me, status=200")))
                .anySatisfy(line -> assertThat(line).contains("\"traceId\":\"" + traceId + "\""));
    }

    @Test
    void photoRoute_whenServiceDown_logsTheAnsweredStatusInTheTrace(CapturedOutput output) {
        String traceId = TestSpans.newTraceId();

        client.get().uri("/api/photos").headers(h -> h.setBearerAuth(tokens().valid("user-1")))
                .header("X-Amzn-Trace-Id", TestSpans.xrayHeader(traceId, TestSpans.newSpanId()))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

        // both lines, though the gateway restores the trace only where a line is written (limited propagation)
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            List<String> inTrace = output.getOut().lines().filter(line -> line.contains("\"traceId\":\"" + traceId + "\"")).toList();
            assertThat(inTrace).anySatisfy(line -> assertThat(line).contains("request [method=GET, path=/api/photos, status=503"));
            assertThat(inTrace).anySatisfy(line -> assertThat(line).contains("request answered 503 [method=GET, path=/api/photos"));
        });
    }

    @Test
    void userRoute_withoutToken_returns401FromTheGateway() {
        client.get().uri("/api/users/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer");
    }

    @Test
    void userRoute_withTokenOfAnotherClient_returns401() {
        client.get().uri("/api/users/me")
                .headers(h -> h.setBearerAuth(tokens().sign(tokens().claims("user-1").claim("client_id", "other").build())))
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void userRoute_withTokenWithoutExp_returns401Problem() {
        client.get().uri("/api/users/me")
                .headers(h -> h.setBearerAuth(tokens().sign(tokens().claims("user-1").expirationTime(null).build())))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void userRoute_withEmptySubject_returns401Problem() {
        client.get().uri("/api/users/me")
                .headers(h -> h.setBearerAuth(tokens().valid("")))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void userRoute_withUnknownKeyIds_returns401Problem() {
        for (int i = 0; i < 3; i++) {
            TestTokens stranger = TestTokens.withNewKey(issuer(), CLIENT);
            client.get().uri("/api/users/me")
                    .headers(h -> h.setBearerAuth(stranger.valid("user-1")))
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void signIn_withoutToken_isPublicAndForwarded() {
        client.post().uri("/api/auth/signin").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.public").isEqualTo(true);
    }

    @Test
    void userRoute_whenBodyOverLimit_returns413() {
        client.post().uri("/api/auth/signin").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"x\":\"" + "a".repeat(70 * 1024) + "\"}").exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/body-too-large");
    }

    @Test
    void userRoute_whenChunkedBodyRunsOverLimit_returns413WhileStreaming() {
        // a Flux body goes out chunked, without Content-Length: only counting the bytes can stop it
        client.post().uri("/api/auth/echo-length").headers(h -> h.setBearerAuth(tokens().valid("user-1")))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Flux.range(0, 10).map(i -> DefaultDataBufferFactory
                        .sharedInstance.wrap("a".repeat(8 * 1024).getBytes())), DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/body-too-large");
    }

    @Test
    void userRoute_whenChunkedBodyStaysUnderLimit_isForwardedWhole() {
        client.post().uri("/api/auth/echo-length").headers(h -> h.setBearerAuth(tokens().valid("user-1")))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Flux.range(0, 4).map(i -> DefaultDataBufferFactory
                        .sharedInstance.wrap("a".repeat(8 * 1024).getBytes())), DataBuffer.class)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.length").isEqualTo(32 * 1024);
    }

    @Test
    void userRoute_bodyOfDeclaredLength_isForwardedByteForByte() {
        // declared length: read straight from Reactor Netty (InboundBody); just under the route's 64 KB limit
        byte[] body = new byte[60 * 1024];
        new java.util.Random(11).nextBytes(body);

        client.post().uri("/api/auth/echo-digest").headers(h -> h.setBearerAuth(tokens().valid("user-1")))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length").isEqualTo(body.length)
                .jsonPath("$.sha256").isEqualTo(sha256(body));
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    RouteLocator routes;

    /** An upload is answered once the whole body is in S3; the default 60 s would cut slow uplinks off. */
    @Test
    void uploadRoute_waitsFiveMinutesForTheAnswer_otherPhotoCallsKeepTheDefault() {
        StepVerifier.create(routes.getRoutes().filter(route -> route.getId().startsWith("photo-service"))
                        .collectMap(Route::getId, Route::getMetadata))
                .assertNext(metadata -> {
                    assertThat(metadata.get("photo-service-upload"))
                            .containsEntry("response-timeout", 300000);
                    assertThat(metadata.get("photo-service"))
                            .doesNotContainKey("response-timeout");
                })
                .verifyComplete();
    }

    @Test
    void photoRoute_whenServiceDown_returns503Problem() {
        client.get().uri("/api/photos").headers(h -> h.setBearerAuth(tokens().valid("user-1"))).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.type").isEqualTo("/problems/service-unavailable");
    }

    @Test
    void preflight_fromConfiguredOrigin_isAllowed_andFromOtherOrigin_isRejected() {
        client.options().uri("/api/users/me")
                .header("Origin", "http://localhost:8080")
                .header("Access-Control-Request-Method", "GET")
                .exchange()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "http://localhost:8080");
        client.options().uri("/api/users/me")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin");
    }

    @Test
    void responses_carryStandardSecurityHeaders() {
        client.get().uri("/actuator/health/readiness").exchange()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer");
    }
}
