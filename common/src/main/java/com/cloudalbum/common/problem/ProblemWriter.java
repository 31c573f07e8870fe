package com.cloudalbum.common.problem;

import java.util.List;
import java.util.Map;

import org.springframework.core.ResolvableType;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Writes a problem detail as {@code application/problem+json} outside of controllers (filters, handlers). */
public final class ProblemWriter {

    private final List<HttpMessageWriter<?>> writers;

    public ProblemWriter(ServerCodecConfigurer codecs) {
        this.writers = codecs.getWriters();
    }

    @SuppressWarnings("unchecked")
    public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        exchange.getResponse().setStatusCode(HttpStatus.valueOf(problem.getStatus()));
        ResolvableType type = ResolvableType.forInstance(problem);
        for (HttpMessageWriter<?> writer : writers) {
            if (writer.canWrite(type, MediaType.APPLICATION_PROBLEM_JSON)) {
                return ((HttpMessageWriter<ProblemDetail>) writer).write(Mono.just(problem), type,
                        MediaType.APPLICATION_PROBLEM_JSON, exchange.getResponse(), Map.of());
            }
        }
        return Mono.error(new IllegalStateException("no JSON writer for problem details"));
    }
}
