package com.cloudalbum.gateway.route;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code BodySizeLimit=52MB}: a request body over the limit is refused with a 413 problem — at once
 * when {@code Content-Length} says so, or as soon as a chunked body crosses the limit (the stream
 * fails, nothing is buffered). Unlike Spring Cloud Gateway's {@code RequestSize}, which checks only
 * the header and answers with an empty body.
 */
@Component
public class BodySizeLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<BodySizeLimitGatewayFilterFactory.Config> {

    public BodySizeLimitGatewayFilterFactory() {
        super(Config.class);
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("maxSize");
    }

    @Override
    public GatewayFilter apply(Config config) {
        long max = config.getMaxSize().toBytes();
        return new GatewayFilter() {
            @Override
            public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
                long declared = exchange.getRequest().getHeaders().getContentLength();
                if (declared > max) {
                    return Mono.error(tooLarge(config.getMaxSize()));
                }
                if (declared >= 0) {
                    // HTTP/1.1 frames the body by its Content-Length: it cannot run past it, so no per-chunk work
                    return chain.filter(exchange);
                }
                AtomicLong seen = new AtomicLong();
                ServerHttpRequestDecorator counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
                    @Override
                    public Flux<DataBuffer> getBody() {
                        return super.getBody().handle((buffer, sink) -> {
                            if (seen.addAndGet(buffer.readableByteCount()) > max) {
                                DataBufferUtils.release(buffer);
                                sink.error(tooLarge(config.getMaxSize()));
                            } else {
                                sink.next(buffer);
                            }
                        });
                    }
                };
                return chain.filter(exchange.mutate().request(counted).build());
            }

            @Override
            public String toString() {
                return "BodySizeLimit[maxSize=" + config.getMaxSize() + "]";
            }
        };
    }

    static ErrorResponseException tooLarge(DataSize max) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than the limit of " + max.toBytes() + " bytes.");
        problem.setType(URI.create("/problems/body-too-large"));
        problem.setTitle("Request body too large");
        problem.setProperty("maxBytes", max.toBytes());
        return new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, problem, null);
    }

    /** Settings of one route's limit. */
    public static class Config {

        private DataSize maxSize = DataSize.ofMegabytes(5);

        public DataSize getMaxSize() {
            return maxSize;
        }

        public void setMaxSize(DataSize maxSize) {
            this.maxSize = maxSize;
        }
    }
}
