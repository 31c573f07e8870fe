package com.cloudalbum.common.tracing;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The request's thread-locals (the trace, and with it the log line's {@code traceId}) from Reactor's context, for code
 * that logs or calls the AWS SDK where Reactor does not restore them: with {@code spring.reactor.context-propagation:
 * limited} (the gateway's and photo-service's setting) only {@code handle} and {@code tap} do. Under {@code auto} it
 * sets what is already set.
 */
public final class TraceScope {

    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private TraceScope() {
    }

    /** Sets the thread-locals from {@code context} until the scope is closed. */
    private static ContextSnapshot.Scope of(ContextView context) {
        return SNAPSHOTS.setThreadLocalsFrom(context);
    }

    /**
     * An SDK call made at subscription with the subscriber's trace current: the SDK's tracing interceptor parents the
     * call's span on the thread's span and sends its trace header. Cancelling the Mono cancels the future.
     */
    public static <T> Mono<T> future(Supplier<? extends CompletableFuture<T>> call) {
        return defer(() -> Mono.fromFuture(call.get()));
    }

    /** Runs {@code action} (a log line) with the subscriber's thread-locals set. */
    public static Mono<Void> run(Runnable action) {
        return defer(() -> {
            action.run();
            return Mono.empty();
        });
    }

    /** Assembles {@code mono} at subscription with the subscriber's thread-locals set (for the lines it logs meanwhile). */
    public static <T> Mono<T> defer(Supplier<? extends Mono<? extends T>> mono) {
        return Mono.deferContextual(context -> {
            try (ContextSnapshot.Scope scope = of(context)) {
                return mono.get();
            }
        });
    }
}
