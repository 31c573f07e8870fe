package com.cloudalbum.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

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
 * Faults DynamoDB Local cannot be made to produce (throttling, a 5xx): a loopback HTTP stub stands in
 * for DynamoDB and answers every call with the fault AWS would send, in DynamoDB's JSON error format.
 * The service maps them without any code of its own (common's error map): 503 with Retry-After.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class DynamoFaultsIntegrationTest {

    private static final AtomicReference<Fault> FAULT = new AtomicReference<>();
    private static final DisposableServer DYNAMODB = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle((request, response) -> request.receive().then(Mono.defer(() -> {
                Fault fault = FAULT.get();
                return response.status(fault.status())
                        .header("Content-Type", "application/x-amz-json-1.0")
                        .header("x-amzn-RequestId", "stub")
                        .sendString(Mono.just("{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + fault.code()
                                + "\",\"message\":\"stub fault\"}"))
                        .then();
            })))
            .bindNow();

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        registry.add("album.aws.endpoints.dynamodb", () -> "http://127.0.0.1:" + DYNAMODB.port());
        // not called here: sign-up claims the email in DynamoDB first
        registry.add("album.aws.endpoints.cognito", () -> "http://127.0.0.1:1");
        registry.add("album.aws.credentials.access-key-id", () -> "test");
        registry.add("album.aws.credentials.secret-access-key", () -> "test");
    }

    @AfterAll
    static void stop() {
        DYNAMODB.disposeNow();
    }

    @Test
    void signUp_whenDynamoDbThrottles_returns503ThrottledWithRetryAfter(CapturedOutput output) {
        FAULT.set(new Fault(400, "ProvisionedThroughputExceededException"));

        signUp().expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Retry-After", "2")
                .expectBody().jsonPath("$.type").isEqualTo("/problems/throttled");
        assertThat(output.getOut()).contains("dependency throttled")
                .contains("DynamoDb.PutItem [TableName=User] failed: ProvisionedThroughputExceededException (HTTP 400)");
    }

    @Test
    void signUp_whenDynamoDbAnswers5xx_returns503ServiceUnavailableWithRetryAfter(CapturedOutput output) {
        FAULT.set(new Fault(500, "InternalServerError"));

        signUp().expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectBody().jsonPath("$.type").isEqualTo("/problems/service-unavailable");
        assertThat(output.getOut()).contains("dependency unavailable").contains("InternalServerError (HTTP 500)");
        assertThat(errorLines(output)).isEmpty();
    }

    @Test
    void signUp_whenDynamoDbRejectsTheRequest_returns500AsABug(CapturedOutput output) {
        FAULT.set(new Fault(400, "ValidationException"));

        signUp().expectStatus().isEqualTo(500)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/internal-error");
        assertThat(output.getOut()).contains("\"level\":\"ERROR\"")
                .contains("failure=DynamoDb.PutItem [TableName=User] failed: ValidationException (HTTP 400)");
    }

    private WebTestClient.ResponseSpec signUp() {
        return client.post().uri("/api/auth/signup").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "f-" + UUID.randomUUID() + "@example.com", "password", "Corr3ct-horse", "name", "F"))
                .exchange();
    }

    /**
     * The service's own ERROR lines. Netty's leak detector reports at GC time, on whichever test runs then, buffers
     * of the test's client, so its lines are not this request's.
     */
    private static List<String> errorLines(CapturedOutput output) {
        return output.getOut().lines()
                .filter(line -> line.contains("\"level\":\"ERROR\""))
                .filter(line -> !line.contains("io.netty.util.ResourceLeakDetector"))
                .toList();
    }

    private record Fault(int status, String code) {
    }
}
