package com.cloudalbum.gateway.access;

import com.cloudalbum.common.tracing.TraceScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * One line per request the gateway answers, with the request's trace id (the JSON log's {@code traceId}), so a
 * request can be found from a trace and the other way round. Method, path, status and the time until the response
 * began only: no query string (search terms), no headers (tokens). Health probes are left out.
 *
 * <p>Logged when the response is committed: only then is the status final, also for answers the error handler
 * writes after the filter chain has failed (503 when a service is down).
 */
@Component
class AccessLogWebFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(AccessLogWebFilter.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (path.startsWith("/actuator")) {
            return chain.filter(exchange);
        }
        long started = System.nanoTime();
        // the trace restored for this line only: the gateway does not restore it around every operator (limited)
        exchange.getResponse().beforeCommit(() -> TraceScope.run(() -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            log.info("request [method={}, path={}, status={}, ms={}]", exchange.getRequest().getMethod(), path,
                    status == null ? 200 : status.value(), (System.nanoTime() - started) / 1_000_000);
        }));
        return chain.filter(exchange);
    }

    /** First, so the time covers the token check and the route. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
