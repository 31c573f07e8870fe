package com.cloudalbum.common.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.cloudalbum.common.config.AotTrainingAutoConfiguration;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every CloudAlbum service answers, run by each service's own application test (which starts
 * the service on a random port and provides the {@link WebTestClient}).
 */
@Import({TestSpans.class, TestSessions.class})
public abstract class ServiceConventionsContract {

    @Autowired
    protected WebTestClient client;

    @Autowired
    protected TestSpans spans;

    @Autowired
    private TestSessions sessions;

    @Autowired
    private Environment environment;

    @Test
    void shutdown_isGraceful() {
        assertThat(environment.getProperty("server.shutdown")).isEqualTo("graceful");
        assertThat(environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase")).isNotBlank();
    }

    @Test
    void readiness_whenStarted_isUp() {
        client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void liveness_whenStarted_isUp() {
        client.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void api_withoutToken_returns401ProblemWithChallenge() {
        client.get().uri("/api/anything").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectBody().jsonPath("$.type").isEqualTo("/problems/unauthenticated");
    }

    @Test
    void api_withoutToken_looksUpNoSession() {
        long before = sessions.lookedUp();

        client.get().uri("/api/anything").exchange().expectStatus().isUnauthorized();

        assertThat(sessions.lookedUp()).as("session lookups").isEqualTo(before);
    }

    @Test
    void api_withGarbageToken_returns401InvalidTokenChallenge() {
        client.get().uri("/api/anything").header("Authorization", "Bearer not-a-jwt").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("WWW-Authenticate", value -> assertThat(value).contains("invalid_token"));
    }

    @Test
    void aotTrainingRequests_getTheAnswersOfAReadyService() {
        int port = Integer.parseInt(environment.getRequiredProperty("local.server.port"));

        List<Integer> statuses = AotTrainingAutoConfiguration.train(port);

        // readiness and liveness 200, the API without and with a malformed token 401: the paths a first client takes
        List<Integer> round = List.of(200, 200, 401, 401);
        assertThat(statuses).hasSize(AotTrainingAutoConfiguration.ROUNDS * round.size());
        for (int i = 0; i < statuses.size(); i += round.size()) {
            assertThat(statuses.subList(i, i + round.size())).isEqualTo(round);
        }
    }

    @Test
    void unknownRoute_returns404Problem() {
        client.get().uri("/no-such-thing/42").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.title").exists();
    }

    @Test
    void request_withSampledXrayHeader_continuesThatTrace() {
        String traceId = TestSpans.newTraceId();
        String callerSpanId = TestSpans.newSpanId();

        client.get().uri("/api/anything").header("X-Amzn-Trace-Id", TestSpans.xrayHeader(traceId, callerSpanId)).exchange()
                .expectStatus().isUnauthorized();

        SpanData server = spans.await(span -> span.getTraceId().equals(traceId) && span.getKind() == SpanKind.SERVER);
        assertThat(server.getParentSpanId()).as("parent is the caller's span").isEqualTo(callerSpanId);
        assertThat(server.getResource().getAttributes().asMap()).containsEntry(
                AttributeKey.stringKey("service.name"), environment.getProperty("spring.application.name"));
    }

    @Test
    void healthProbe_makesNoSpan() {
        String probeTrace = TestSpans.newTraceId();
        client.get().uri("/actuator/health/readiness").header("X-Amzn-Trace-Id", TestSpans.xrayHeader(probeTrace, TestSpans.newSpanId()))
                .exchange().expectStatus().isOk();
        String laterTrace = TestSpans.newTraceId();
        client.get().uri("/api/anything").header("X-Amzn-Trace-Id", TestSpans.xrayHeader(laterTrace, TestSpans.newSpanId()))
                .exchange().expectStatus().isUnauthorized();

        spans.await(span -> span.getTraceId().equals(laterTrace) && span.getKind() == SpanKind.SERVER);
        assertThat(spans.trace(probeTrace)).isEmpty();
        assertThat(spans.trace(laterTrace)).as("only the server span: no Spring Security filter spans")
                .extracting(SpanData::getKind).containsOnly(SpanKind.SERVER);
    }
}
