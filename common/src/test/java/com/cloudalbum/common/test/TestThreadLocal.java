package com.cloudalbum.common.test;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * A thread-local that Reactor's context propagation knows under {@code key} (as it knows the trace), counting every
 * time it is set or cleared: what a test needs to see whether and how often the request's context is restored.
 */
public final class TestThreadLocal implements ThreadLocalAccessor<String> {

    private final String key;
    private final ThreadLocal<String> value = new ThreadLocal<>();
    private final AtomicInteger restores = new AtomicInteger();

    private TestThreadLocal(String key) {
        this.key = key;
    }

    /** Registered with the global context registry; {@link #unregister()} after the test. */
    public static TestThreadLocal register(String key) {
        TestThreadLocal local = new TestThreadLocal(key);
        ContextRegistry.getInstance().registerThreadLocalAccessor(local);
        return local;
    }

    public void unregister() {
        ContextRegistry.getInstance().removeThreadLocalAccessor(key);
    }

    /** The value on the calling thread. */
    public @Nullable String current() {
        return value.get();
    }

    /** Sets and clears so far. */
    public int restores() {
        return restores.get();
    }

    @Override
    public Object key() {
        return key;
    }

    @Override
    public @Nullable String getValue() {
        return value.get();
    }

    @Override
    public void setValue(String newValue) {
        restores.incrementAndGet();
        value.set(newValue);
    }

    @Override
    public void setValue() {
        restores.incrementAndGet();
        value.remove();
    }
}
