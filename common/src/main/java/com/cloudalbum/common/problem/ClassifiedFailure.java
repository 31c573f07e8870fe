package com.cloudalbum.common.problem;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * What a failure means for the request that met it, as a {@link FailureClassifier} sees it.
 *
 * @param kind       how to answer
 * @param summary    for the log: which call, which resource, which error code; never for the client
 * @param retryAfter when the client may try again (transient kinds only)
 */
public record ClassifiedFailure(Kind kind, String summary, @Nullable Duration retryAfter) {

    /** How long a client waits after throttling. */
    public static final Duration THROTTLED_RETRY_AFTER = Duration.ofSeconds(2);
    /** How long a client waits when something this service needs is down or timing out. */
    public static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(5);

    public enum Kind {
        /** Throttled by a dependency: 503 {@code /problems/throttled} with {@code Retry-After}, WARN. */
        THROTTLED,
        /** A dependency is down, failing (5xx), unreachable or timing out: 503 {@code /problems/service-unavailable}, WARN. */
        UNAVAILABLE,
        /** Refused for good (access denied, no such table/bucket/queue, bad credentials): 500, ERROR naming the resource. */
        MISCONFIGURED,
        /** Nothing a retry fixes and nothing the client did: 500, ERROR with the trace. */
        BUG
    }

    public static ClassifiedFailure throttled(String summary) {
        return new ClassifiedFailure(Kind.THROTTLED, summary, THROTTLED_RETRY_AFTER);
    }

    public static ClassifiedFailure unavailable(String summary) {
        return new ClassifiedFailure(Kind.UNAVAILABLE, summary, UNAVAILABLE_RETRY_AFTER);
    }

    public static ClassifiedFailure misconfigured(String summary) {
        return new ClassifiedFailure(Kind.MISCONFIGURED, summary, null);
    }

    public static ClassifiedFailure bug(String summary) {
        return new ClassifiedFailure(Kind.BUG, summary, null);
    }

    /** Trying again later may succeed (throttling, outages, timeouts). */
    public boolean isTransient() {
        return kind == Kind.THROTTLED || kind == Kind.UNAVAILABLE;
    }

    public HttpStatus status() {
        return isTransient() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
