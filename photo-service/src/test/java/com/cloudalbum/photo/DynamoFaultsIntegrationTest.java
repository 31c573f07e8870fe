package com.cloudalbum.photo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import com.cloudalbum.common.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The album's reads when DynamoDB throttles or fails, faults DynamoDB Local cannot be made to produce:
 * a loopback stub stands in for DynamoDB (and serves the token keys). The repository maps nothing;
 * common's error map answers 503 with Retry-After, not 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class DynamoFaultsIntegrationTest {

    private static final String CLIENT = "test-client";
    private static final AtomicReference<String> FAULT = new AtomicReference<>("400 ProvisionedThroughputExceededException");
    private static final DisposableServer STUB = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(routes -> routes
                    .get("/pool/.well-known/jwks.json", (request, response) -> response
                            .header("Content-Type", "application/json")
                            .sendString(Mono.fromSupplier(() -> tokens().jwks())))
                    .post("/", (request, response) -> request.receive().then(Mono.defer(() -> {
                        String[] fault = FAULT.get().split(" ");
                        return response.status(Integer.parseInt(fault[0]))
                                .header("Content-Type", "application/x-amz-json-1.0")
                                .sendString(Mono.just("{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + fault[1]
                                        + "\",\"message\":\"stub fault\"}"))
                                .then();
                    }))))
            .bindNow();
    private static TestTokens tokens;

    @Autowired
    WebTestClient client;

    static synchronized TestTokens tokens() {
        if (tokens == null) {
            tokens = TestTokens.withNewKey("http://127.0.0.1:" + STUB.port() + "/pool", CLIENT);
        }
        return tokens;
    }

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        String stub = "http://127.0.0.1:" + STUB.port();
        registry.add("album.aws.endpoints.dynamodb", () -> stub);
        registry.add("album.aws.endpoints.s3", () -> stub);
        registry.add("album.aws.endpoints.sqs", () -> stub);
        registry.add("album.aws.credentials.access-key-id", () -> "test");
        registry.add("album.aws.credentials.secret-access-key", () -> "test");
        registry.add("album.security.issuer", () -> stub + "/pool");
        registry.add("album.security.client-ids", () -> CLIENT);
    }

    @AfterAll
    static void stop() {
        STUB.disposeNow();
    }

    @Test
    void list_whenDynamoDbThrottles_returns503ThrottledWithRetryAfter(CapturedOutput output) {
        FAULT.set("400 ProvisionedThroughputExceededException");

        list().expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Retry-After", "2")
                .expectBody().jsonPath("$.type").isEqualTo("/problems/throttled");
        assertThat(output.getOut()).contains("dependency throttled").contains("DynamoDb.Query [TableName=Photo")
                .doesNotContain("\"level\":\"ERROR\"");
    }

    @Test
    void list_whenDynamoDbFails5xx_returns503ServiceUnavailableWithRetryAfter() {
        FAULT.set("500 InternalServerError");

        list().expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectBody().jsonPath("$.type").isEqualTo("/problems/service-unavailable");
    }

    private WebTestClient.ResponseSpec list() {
        return client.get().uri("/api/photos").headers(h -> h.setBearerAuth(tokens().valid("user-1"))).exchange();
    }
}
