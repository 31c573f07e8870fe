package com.cloudalbum.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
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
    private static final ThreadLocal<String> VALUE = new ThreadLocal<>();
    private static final ThreadLocalAccessor<String> ACCESSOR = new ThreadLocalAccessor<>() {
        @Override
        public Object key() {
            return KEY;
        }

        @Override
        public String getValue() {
            return VALUE.get();
        }

        @Override
        public void setValue(String value) {
            VALUE.set(value);
        }

        @Override
        public void setValue() {
            VALUE.remove();
        }
    };

    @BeforeAll
    static void limitedPropagation() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(ACCESSOR);
        // a Spring context started earlier in this JVM may have left automatic propagation on
        Hooks.disableAutomaticContextPropagation();
    }

    @AfterAll
    static void unregister() {
        ContextRegistry.getInstance().removeThreadLocalAccessor(KEY);
    }

    @Test
    void run_onAnotherThread_setsTheContextsThreadLocalsForTheAction_andClearsThemAfter() {
        AtomicReference<String> seen = new AtomicReference<>();
        AtomicReference<String> after = new AtomicReference<>("unset");

        Mono.delay(Duration.ofMillis(1), Schedulers.single()) // a thread hop, as after a network read
                .then(TraceScope.run(() -> seen.set(VALUE.get())))
                .then(Mono.fromRunnable(() -> after.set(VALUE.get())))
                .contextWrite(Context.of(KEY, "trace-1"))
                .block();

        assertThat(seen).hasValue("trace-1");
        assertThat(after.get()).isNull();
    }

    @Test
    void run_withoutTheKeyInTheContext_leavesTheThreadLocalAsItWas() {
        AtomicReference<String> seen = new AtomicReference<>("unset");

        TraceScope.run(() -> seen.set(VALUE.get())).block();

        assertThat(seen.get()).isNull();
    }
}
