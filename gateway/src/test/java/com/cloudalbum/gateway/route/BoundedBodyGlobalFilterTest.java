package com.cloudalbum.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class BoundedBodyGlobalFilterTest {

    BoundedBodyGlobalFilter filter = new BoundedBodyGlobalFilter();

    @Test
    void filter_bodyReadByAGreedySender_isAskedForAFewChunksAtATime() {
        List<Long> asked = new CopyOnWriteArrayList<>();
        Flux<DataBuffer> body = Flux.range(0, 100).map(i -> chunk()).doOnRequest(asked::add);
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/photos")
                .contentLength(100L * 16).body(body));

        // like Reactor Netty's send: asks for 128 chunks at once
        StepVerifier.create(filter.filter(exchange, proxied -> proxied.getRequest().getBody().take(100).then()))
                .verifyComplete();

        assertThat(asked).isNotEmpty().allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(BoundedBodyGlobalFilter.CHUNKS_AHEAD));
    }

    @Test
    void filter_requestWithoutBody_isPassedOnAsItIs() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/photos"));

        StepVerifier.create(filter.filter(exchange, proxied -> {
            assertThat(proxied.getRequest()).isSameAs(exchange.getRequest());
            return Mono.empty();
        })).verifyComplete();
    }

    private static DataBuffer chunk() {
        return DefaultDataBufferFactory.sharedInstance.wrap("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    }
}
