package com.cloudalbum.common.problem;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.cloudalbum.common.tracing.TraceScope;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The last resort for failures no controller advice handled (filters, routing, security, gateway
 * proxying, and exceptions adapters let through unmapped, such as the AWS SDK's): always answers
 * RFC 9457 {@code application/problem+json}. What an unmapped failure means comes from the
 * {@link FailureClassifier}s (the one error map): throttling → 503 {@code /problems/throttled}, a
 * dependency down or timing out → 503 {@code /problems/service-unavailable}, both with
 * {@code Retry-After} and a WARN line; a misconfiguration → 500 with an ERROR line naming the
 * resource; anything else is a bug → 500, logged once at ERROR with its stack trace (the line carries
 * the trace id). A 5xx detail is generic: causes go to the log, never to the client.
 */
public final class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

    /** Problem type of failures the server did not expect. */
    public static final URI INTERNAL_ERROR = URI.create("/problems/internal-error");
    /** Problem type when a service or AWS dependency this one calls is down, unreachable or timing out. */
    public static final URI SERVICE_UNAVAILABLE = URI.create("/problems/service-unavailable");
    /** Problem type when a dependency throttles this service. */
    public static final URI THROTTLED = URI.create("/problems/throttled");

    private final ProblemWriter writer;
    private final List<FailureClassifier> classifiers;

    public ProblemErrorWebExceptionHandler(ProblemWriter writer) {
        this(writer, List.of(new TransportFailures()));
    }

    public ProblemErrorWebExceptionHandler(ProblemWriter writer, List<FailureClassifier> classifiers) {
        this.writer = writer;
        this.classifiers = List.copyOf(classifiers);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        // the log line carries the request's trace also where Reactor does not restore it (limited propagation)
        return TraceScope.defer(() -> answer(exchange, failure));
    }

    private Mono<Void> answer(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        ProblemDetail problem;
        if (failure instanceof ErrorResponse errorResponse) {
            problem = toProblem(errorResponse);
            ProblemLog.answered(exchange.getRequest(), errorResponse.getStatusCode().value(), problem.getType(), failure);
            errorResponse.getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                    exchange.getResponse().getHeaders().put(name, values);
                }
            });
        } else {
            ClassifiedFailure classified = classify(failure);
            problem = toProblem(classified);
            ProblemLog.classified(exchange.getRequest(), classified, failure);
            if (classified.retryAfter() != null) {
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER,
                        Long.toString(classified.retryAfter().toSeconds()));
            }
        }
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        }
        return writer.write(exchange, problem);
    }

    /** What the classifiers make of a failure that is not already a problem; a bug when none knows it. */
    public ClassifiedFailure classify(Throwable failure) {
        for (FailureClassifier classifier : classifiers) {
            ClassifiedFailure classified = classifier.classify(failure);
            if (classified != null) {
                return classified;
            }
        }
        return ClassifiedFailure.bug(failure.getClass().getName());
    }

    /** The client's view of a classified failure: a stable type, a generic detail. */
    public static ProblemDetail toProblem(ClassifiedFailure failure) {
        ProblemDetail problem;
        switch (failure.kind()) {
            case THROTTLED -> {
                problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                        "A service needed for this request is busy; try again shortly.");
                problem.setType(THROTTLED);
                problem.setTitle("Too many requests");
            }
            case UNAVAILABLE -> {
                problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                        "A service needed for this request is unavailable; try again shortly.");
                problem.setType(SERVICE_UNAVAILABLE);
                problem.setTitle("Service unavailable");
            }
            default -> {
                problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                        "The server could not handle the request.");
                problem.setType(INTERNAL_ERROR);
                problem.setTitle("Internal error");
            }
        }
        return problem;
    }

    static ProblemDetail toProblem(ErrorResponse errorResponse) {
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
}
