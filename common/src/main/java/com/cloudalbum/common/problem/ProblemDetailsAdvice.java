package com.cloudalbum.common.problem;

import java.net.URI;

import com.cloudalbum.common.tracing.TraceScope;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Boot's problem-details handler for controllers, plus the log line: a 5xx problem a controller
 * raised is logged with the cause it carries, so a cause is never dropped on the way to the client.
 * Replaces Boot's {@code ProblemDetailsExceptionHandler} (it backs off when one exists).
 */
@ControllerAdvice
@Order(0)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, @Nullable Object body,
            @Nullable HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        URI type = ex instanceof ErrorResponse response ? response.getBody().getType()
                : body instanceof ProblemDetail problem ? problem.getType() : null;
        // the line carries the request's trace also where Reactor does not restore it (the gateway's limited propagation)
        return TraceScope.run(() -> ProblemLog.answered(exchange.getRequest(), status.value(), type, ex))
                .then(super.handleExceptionInternal(ex, body, headers, status, exchange));
    }
}
