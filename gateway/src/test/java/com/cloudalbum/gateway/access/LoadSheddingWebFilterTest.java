package com.cloudalbum.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import com.cloudalbum.common.problem.ProblemWriter;
import com.cloudalbum.gateway.config.GatewayProperties;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class LoadSheddingWebFilterTest {

    LoadSheddingWebFilter filter = new LoadSheddingWebFilter(
            new GatewayProperties(URI.create("http://u"), URI.create("http://p"), 2, Duration.ofSeconds(2), 3),
            new ProblemWriter(ServerCodecConfigurer.create()));

    @Test
    void filter_beyondTheLimit_answers503ProblemWithRetryAfter() {
        Sinks.Empty<Void> held = Sinks.empty();
        filter.filter(get("/api/photos"), exchange -> held.asMono()).subscribe();
        filter.filter(get("/api/photos"), exchange -> held.asMono()).subscribe();

        MockServerWebExchange third = get("/api/photos");
        StepVerifier.create(filter.filter(third, exchange -> Mono.error(new AssertionError("not shed")))).verifyComplete();

        assertThat(third.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(third.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("2");
        assertThat(third.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        StepVerifier.create(third.getResponse().getBodyAsString())
                .assertNext(body -> assertThat(body).contains("/problems/overloaded"))
                .verifyComplete();
    }

    @Test
    void filter_whenRequestsFinishOrAreCancelled_freesTheirPlaces() {
        Sinks.Empty<Void> held = Sinks.empty();
        filter.filter(get("/api/photos"), exchange -> held.asMono()).subscribe();
        filter.filter(get("/api/photos"), exchange -> Mono.never()).subscribe().dispose();
        held.tryEmitEmpty();

        assertThat(filter.inFlight()).isZero();
    }

    @Test
    void filter_uploadsAndTheWebApp_areNotCountedAsRequests() {
        filter.filter(get("/api/photos"), exchange -> Mono.never()).subscribe();
        filter.filter(get("/api/photos"), exchange -> Mono.never()).subscribe();

        MockServerWebExchange upload = MockServerWebExchange.from(MockServerHttpRequest.post("/api/photos"));
        StepVerifier.create(filter.filter(upload, exchange -> Mono.empty())).verifyComplete();
        StepVerifier.create(filter.filter(get("/js/app.js"), exchange -> Mono.empty())).verifyComplete();

        assertThat(upload.getResponse().getStatusCode()).isNull();
        assertThat(filter.inFlight()).isEqualTo(2);
    }

    @Test
    void filter_uploadsBeyondTheirOwnLimit_answer503_andFreeTheirPlacesWhenDone() {
        Sinks.Empty<Void> held = Sinks.empty();
        for (int i = 0; i < 3; i++) {
            filter.filter(post("/api/photos"), exchange -> held.asMono()).subscribe();
        }

        MockServerWebExchange fourth = post("/api/photos");
        StepVerifier.create(filter.filter(fourth, exchange -> Mono.error(new AssertionError("not shed")))).verifyComplete();
        assertThat(fourth.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(fourth.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("2");
        assertThat(filter.inFlight()).isZero();

        held.tryEmitEmpty();
        assertThat(filter.uploadsInFlight()).isZero();
    }

    @Test
    void uploadLimit_unset_isAThirdOfDirectMemoryAt256KiBEach() {
        assertThat(LoadSheddingWebFilter.uploadLimit(0, 96L * 1024 * 1024)).isEqualTo(128);
        assertThat(LoadSheddingWebFilter.uploadLimit(0, 384L * 1024 * 1024)).isEqualTo(512);
        assertThat(LoadSheddingWebFilter.uploadLimit(40, 96L * 1024 * 1024)).isEqualTo(40);
    }

    private static MockServerWebExchange post(String path) {
        return MockServerWebExchange.from(MockServerHttpRequest.post(path));
    }

    static MockServerWebExchange get(String path) {
        return MockServerWebExchange.from(MockServerHttpRequest.get(path));
    }
}
