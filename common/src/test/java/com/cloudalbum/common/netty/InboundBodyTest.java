package com.cloudalbum.common.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.cloudalbum.common.test.TestThreadLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

class InboundBodyTest {

    private static final String KEY = "inbound-body-test";
    /** Every time Reactor sets or clears it: what a chunk pays for the request's context. */
    private static TestThreadLocal local;

    @BeforeAll
    static void automaticPropagation() {
        local = TestThreadLocal.register(KEY);
        Hooks.enableAutomaticContextPropagation();
    }

    @AfterAll
    static void reset() {
        Hooks.disableAutomaticContextPropagation();
        local.unregister();
    }

    @Test
    void of_onReactorNetty_readsTheWholeBody_withOneContextRestorePerChunk_notThreeAsGetBody() throws Exception {
        byte[] body = new byte[3_000_000];
        new Random(7).nextBytes(body);

        Read inbound = post(body, InboundBody::of);
        Read spring = post(body, ServerHttpRequest::getBody);

        assertThat(inbound.bytes()).isEqualTo(body);
        assertThat(spring.bytes()).isEqualTo(body);
        assertThat(inbound.chunks()).isPositive();
        System.out.printf("restores per chunk: inbound %.1f, getBody %.1f%n", inbound.restoresPerChunk(), spring.restoresPerChunk());
        // each restore sets the value, then clears it: two calls a boundary; with the chunks' demand, a few per chunk
        assertThat(inbound.restoresPerChunk()).isLessThan(spring.restoresPerChunk() / 2);
        assertThat(inbound.valueSeenInEveryChunk()).isTrue();
    }

    @Test
    void of_notOnReactorNetty_isTheRequestsBody() {
        MockServerHttpRequest request = MockServerHttpRequest.post("/").body("abc");

        assertThat(DataBufferUtils.join(InboundBody.of(request)).map(b -> b.toString(java.nio.charset.StandardCharsets.UTF_8))
                .block()).isEqualTo("abc");
    }

    record Read(byte[] bytes, int chunks, int restores, boolean valueSeenInEveryChunk) {
        double restoresPerChunk() {
            return (double) restores / chunks;
        }
    }

    private static Read post(byte[] body, Function<ServerHttpRequest, Flux<DataBuffer>> read) throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        AtomicInteger chunks = new AtomicInteger();
        boolean[] seen = {true};
        DisposableServer server = HttpServer.create().port(0)
                .handle(new ReactorHttpHandlerAdapter((request, response) -> read.apply(request)
                        .doOnNext(chunk -> {
                            chunks.incrementAndGet();
                            seen[0] &= "the request's".equals(local.current());
                            byte[] bytes = new byte[chunk.readableByteCount()];
                            chunk.read(bytes);
                            received.writeBytes(bytes);
                            DataBufferUtils.release(chunk);
                        })
                        .then(Mono.defer(() -> {
                            response.setStatusCode(HttpStatus.NO_CONTENT);
                            return response.setComplete();
                        }))
                        .contextWrite(context -> context.put(KEY, "the request's"))))
                .bindNow();
        try {
            int before = local.restores();
            HttpResponse<Void> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + server.port() + "/")).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(answer.statusCode()).isEqualTo(204);
            return new Read(received.toByteArray(), chunks.get(), local.restores() - before, seen[0]);
        } finally {
            server.disposeNow();
        }
    }
}
