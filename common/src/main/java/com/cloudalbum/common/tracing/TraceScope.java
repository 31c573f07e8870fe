package com.cloudalbum.common.tracing;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The request's thread-locals (the trace, and with it the log line's {@code traceId}) from Reactor's context, for code
 * that logs where Reactor does not restore them: with {@code spring.reactor.context-propagation: limited} (the
 * gateway's setting) only {@code handle} and {@code tap} do. Under {@code auto} it sets what is already set.
 */
public final class TraceScope {

    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private TraceScope() {
    }

    /** Sets the thread-locals from {@code context} until the scope is closed. */
    public static ContextSnapshot.Scope of(ContextView context) {
        return SNAPSHOTS.setThreadLocalsFrom(context);
    }

    /** Runs {@code action} (a log line) with the subscriber's thread-locals set. */
    public static Mono<Void> run(Runnable action) {
        return Mono.deferContextual(context -> {
            try (ContextSnapshot.Scope scope = of(context)) {
                action.run();
            }
            return Mono.empty();
        });
    }
}
