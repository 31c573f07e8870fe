package com.cloudalbum.gateway.access;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.cloudalbum.common.problem.ProblemWriter;
import com.cloudalbum.gateway.config.GatewayProperties;
import io.netty.util.internal.PlatformDependent;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Sheds load early: at most {@code album.gateway.max-concurrent-requests} API requests in progress; one more is
 * answered 503 with {@code Retry-After} before its token is checked, instead of queueing without bound (at 300
 * connections, queueing meant a p99 of 21 s and requests unanswered after 30 s). Uploads ({@code POST /api/photos})
 * are long-lived and counted apart, against what they hold while proxied: each keeps a few network buffers of up to
 * 64 KiB in direct memory (measured: 256 at once ran a gateway with 96 MB of it out), so at most a third of Netty's
 * direct memory / {@value #DIRECT_BYTES_PER_UPLOAD} bytes are proxied at once (96 MB: 128; 384 MB: 512), unless
 * {@code album.gateway.max-concurrent-uploads} says otherwise. The web app's files are not counted.
 */
@Component
@Order(-300) // before the session CSRF check (-200) and Spring Security (-100)
class LoadSheddingWebFilter implements WebFilter {

    static final URI OVERLOADED = URI.create("/problems/overloaded");
    static final long DIRECT_BYTES_PER_UPLOAD = 256 * 1024;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger uploadsInFlight = new AtomicInteger();
    private final int limit;
    private final int uploadLimit;
    private final String retryAfterSeconds;
    private final ProblemWriter problems;

    LoadSheddingWebFilter(GatewayProperties properties, ProblemWriter problems) {
        this.limit = properties.maxConcurrentRequests();
        this.uploadLimit = uploadLimit(properties.maxConcurrentUploads(), PlatformDependent.maxDirectMemory());
        this.retryAfterSeconds = Long.toString(Math.max(1, properties.retryAfter().toSeconds()));
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        if (!path.startsWith("/api/")) {
            return chain.filter(exchange);
        }
        boolean upload = HttpMethod.POST.equals(request.getMethod()) && path.equals("/api/photos");
        AtomicInteger counter = upload ? uploadsInFlight : inFlight;
        if (counter.incrementAndGet() > (upload ? uploadLimit : limit)) {
            counter.decrementAndGet();
            return overloaded(exchange, path);
        }
        // released once, whether the exchange completes, fails or the client goes away
        AtomicBoolean released = new AtomicBoolean();
        return chain.filter(exchange).doFinally(signal -> {
            if (released.compareAndSet(false, true)) {
                counter.decrementAndGet();
            }
        });
    }

    static int uploadLimit(int configured, long maxDirectMemory) {
        return configured > 0 ? configured : (int) Math.max(1, maxDirectMemory / 3 / DIRECT_BYTES_PER_UPLOAD);
    }

    int inFlight() {
        return inFlight.get();
    }

    int uploadsInFlight() {
        return uploadsInFlight.get();
    }

    private Mono<Void> overloaded(ServerWebExchange exchange, String path) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Too many requests in progress; try again shortly.");
        problem.setType(OVERLOADED);
        problem.setTitle("Overloaded");
        problem.setInstance(URI.create(path));
        return problems.write(exchange, problem);
    }
}
