package com.cloudalbum.common.problem;

import java.net.ConnectException;
import java.net.URI;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The last resort for failures no controller advice handled (filters, routing, security, gateway
 * proxying): always answers RFC 9457 {@code application/problem+json}. A 5xx detail is generic;
 * the cause goes to the log, never to the client.
 */
public final class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

    /** Problem type of failures the server did not expect. */
    public static final URI INTERNAL_ERROR = URI.create("/problems/internal-error");
    /** Problem type when a service this one calls cannot be reached. */
    public static final URI SERVICE_UNAVAILABLE = URI.create("/problems/service-unavailable");

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);

    private final ProblemWriter writer;

    public ProblemErrorWebExceptionHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        ProblemDetail problem = toProblem(failure);
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        }
        if (problem.getStatus() == 500 && !(failure instanceof ErrorResponse)) {
            log.error("request failed [method={}, path={}]", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), failure);
        } else if (SERVICE_UNAVAILABLE.equals(problem.getType())) {
            log.warn("downstream unavailable [method={}, path={}, cause={}]", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), failure.toString());
        }
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value() && SERVICE_UNAVAILABLE.equals(problem.getType())) {
            exchange.getResponse().getHeaders().set("Retry-After", "5");
        }
        if (failure instanceof ErrorResponse errorResponse) {
            errorResponse.getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type")) {
                    exchange.getResponse().getHeaders().put(name, values);
                }
            });
        }
        return writer.write(exchange, problem);
    }

    static ProblemDetail toProblem(Throwable failure) {
        if (failure instanceof ErrorResponse errorResponse) {
            ProblemDetail body = errorResponse.getBody();
            ProblemDetail copy = ProblemDetail.forStatusAndDetail(errorResponse.getStatusCode(), body.getDetail());
            copy.setType(body.getType());
            copy.setTitle(body.getTitle());
            copy.setInstance(body.getInstance());
            Map<String, @Nullable Object> properties = body.getProperties();
            if (properties != null) {
                properties.forEach(copy::setProperty);
            }
            if (errorResponse.getStatusCode().is5xxServerError() && copy.getDetail() == null) {
                copy.setDetail("The server could not handle the request.");
            }
            return copy;
        }
        if (causedBy(failure, ConnectException.class)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "A service needed for this request is unavailable; try again shortly.");
            problem.setType(SERVICE_UNAVAILABLE);
            problem.setTitle("Service unavailable");
            return problem;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The server could not handle the request.");
        problem.setType(INTERNAL_ERROR);
        problem.setTitle("Internal error");
        return problem;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
