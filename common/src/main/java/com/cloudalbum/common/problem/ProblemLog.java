package com.cloudalbum.common.problem;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * One log line per failed request, at the level its meaning calls for. The structured (ECS) line
 * carries the request's trace id. Client errors (4xx) are not logged: they are answers, not failures.
 */
final class ProblemLog {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);

    private ProblemLog() {
    }

    static void classified(ServerHttpRequest request, ClassifiedFailure failure, Throwable cause) {
        switch (failure.kind()) {
            case THROTTLED, UNAVAILABLE -> log.warn("request failed, dependency {} [method={}, path={}, call={}, cause={}]",
                    failure.kind() == ClassifiedFailure.Kind.THROTTLED ? "throttled" : "unavailable",
                    request.getMethod(), request.getPath().value(), failure.summary(), causes(cause));
            case MISCONFIGURED -> log.error("request failed, misconfigured: {} [method={}, path={}]",
                    failure.summary(), request.getMethod(), request.getPath().value(), cause);
            case BUG -> log.error("request failed [method={}, path={}, failure={}]", request.getMethod(), request.getPath().value(),
                    failure.summary(), cause);
        }
    }

    /**
     * A failure that already was a problem: a 500 is logged at ERROR with its cause's stack (a bug or
     * a misconfiguration; the cause of a failed AWS call names its resource), other 5xx at WARN with
     * the cause chain on one line.
     */
    static void answered(ServerHttpRequest request, int status, @Nullable URI type, Throwable failure) {
        if (status < 500) {
            return;
        }
        Throwable cause = failure.getCause();
        if (status == 500) {
            log.error("request answered 500 [method={}, path={}, type={}]", request.getMethod(), request.getPath().value(),
                    type, cause != null ? cause : failure);
        } else if (cause == null) {
            log.warn("request answered {} [method={}, path={}, type={}]", status, request.getMethod(),
                    request.getPath().value(), type);
        } else {
            log.warn("request answered {} [method={}, path={}, type={}, cause={}]", status, request.getMethod(),
                    request.getPath().value(), type, causes(cause));
        }
    }

    /**
     * A cause chain on one line, {@code A: msg (+ S: msg) <- B: msg}, suppressed ones (such as the
     * description of a failed AWS call) in brackets; enough for transient failures, which need no stack.
     */
    static String causes(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 6; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (depth > 0) {
                chain.append(" <- ");
            }
            chain.append(t);
            for (Throwable suppressed : t.getSuppressed()) {
                if (!suppressed.getClass().getName().startsWith("reactor.core.publisher.FluxOnAssembly")) {
                    chain.append(" (+ ").append(suppressed).append(')');
                }
            }
        }
        return chain.toString();
    }
}
