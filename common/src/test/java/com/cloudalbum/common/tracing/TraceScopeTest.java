package com.cloudalbum.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.cloudalbum.common.test.TestThreadLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/** Without automatic propagation (the gateway's {@code limited}), a log line still sees the subscriber's thread-locals. */
class TraceScopeTest {

    private static final String KEY = "trace-scope-test";
    private static TestThreadLocal local;

    @BeforeAll
    static void limitedPropagation() {
        local = TestThreadLocal.register(KEY);
        // a Spring context started earlier in this JVM may have left automatic propagation on
        Hooks.disableAutomaticContextPropagation();
    }

    @AfterAll
    static void unregister() {
        local.unregister();
    }

    @Test
    void run_onAnotherThread_setsTheContextsThreadLocalsForTheAction_andClearsThemAfter() {
        AtomicReference<String> seen = new AtomicReference<>();
        AtomicReference<String> after = new AtomicReference<>("unset");

        Mono.delay(Duration.ofMillis(1), Schedulers.single()) // a thread hop, as after a network read
                .then(TraceScope.run(() -> seen.set(local.current())))
                .then(Mono.fromRunnable(() -> after.set(local.current())))
                .contextWrite(Context.of(KEY, "trace-1"))
                .block();

        assertThat(seen).hasValue("trace-1");
        assertThat(after.get()).isNull();
    }

    @Test
    void future_callsWithTheContextsThreadLocals_atSubscription_andClearsThemAfter() {
        AtomicReference<String> seen = new AtomicReference<>("unset");
        AtomicReference<String> after = new AtomicReference<>("unset");
        Mono<String> call = TraceScope.future(() -> {
            seen.set(local.current());
            return CompletableFuture.completedFuture("answer");
        });
        assertThat(seen.get()).as("nothing called before subscription").isEqualTo("unset");

        String answer = Mono.delay(Duration.ofMillis(1), Schedulers.single())
                .then(call)
                .doOnNext(value -> after.set(local.current())) // on the same worker thread, after the call
                .contextWrite(Context.of(KEY, "trace-2"))
                .block();

        assertThat(answer).isEqualTo("answer");
        assertThat(seen).hasValue("trace-2");
        assertThat(after.get()).isNull();
    }

    @Test
    void future_cancelled_cancelsTheFuture() {
        CompletableFuture<String> pending = new CompletableFuture<>();
        AtomicBoolean called = new AtomicBoolean();

        TraceScope.future(() -> {
            called.set(true);
            return pending;
        }).subscribe().dispose();

        assertThat(called).isTrue();
        assertThat(pending).isCancelled();
    }

    @Test
    void run_withoutTheKeyInTheContext_leavesTheThreadLocalAsItWas() {
        AtomicReference<String> seen = new AtomicReference<>("unset");

        TraceScope.run(() -> seen.set(local.current())).block();

        assertThat(seen.get()).isNull();
    }
}
