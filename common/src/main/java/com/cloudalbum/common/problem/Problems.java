package com.cloudalbum.common.problem;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Builds the services' domain problems: a stable {@code /problems/<type>}, a title and a client-safe detail. */
public final class Problems {

    private Problems() {
    }

    public static ErrorResponseException of(HttpStatus status, String type, String title, String detail) {
        return of(status, type, title, detail, null);
    }

    /** As above, keeping the cause: a 5xx problem is logged with it ({@code ProblemDetailsAdvice}). */
    public static ErrorResponseException of(HttpStatus status, String type, String title, String detail,
            @Nullable Throwable cause) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create("/problems/" + type));
        body.setTitle(title);
        return new ErrorResponseException(status, body, cause);
    }

    /**
     * The one error map's answer as an exception, for code that must map a failure itself (e.g. to
     * clean up first): {@code Problems.of(AwsFailures.classify(e), e)}. Throttling and outages get
     * {@code Retry-After}.
     */
    public static ErrorResponseException of(ClassifiedFailure failure, Throwable cause) {
        ProblemDetail body = ProblemErrorWebExceptionHandler.toProblem(failure);
        ErrorResponseException e = new ErrorResponseException(failure.status(), body, cause);
        if (failure.retryAfter() != null) {
            e.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(failure.retryAfter().toSeconds()));
        }
        return e;
    }
}
