package com.cloudalbum.photo.upload;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * A non-blocking semaphore for uploads in flight. Each upload holds an S3 upload buffer of up to
 * {@code album.aws.s3.upload-buffer-size}, so the number in flight, not each upload, decides the heap: an upload
 * waits here for a slot before its body is read (TCP pushes back on the client meanwhile), and gives up with a
 * 503 after {@code maxWait}.
 */
final class UploadSlots {

    private final int capacity;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private int free;

    UploadSlots(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.free = capacity;
    }

    int capacity() {
        return capacity;
    }

    synchronized int available() {
        return free;
    }

    /** Runs {@code work} once a slot is free, releasing it however the work ends (also on cancel). */
    <T> Mono<T> withSlot(Duration maxWait, Supplier<? extends RuntimeException> busy, Supplier<Mono<T>> work) {
        return Mono.usingWhen(acquire(maxWait, busy), slot -> work.get(), Slot::release, (slot, error) -> slot.release(),
                        Slot::release)
                // a slot granted while the caller cancels is dropped by Reactor before anyone owns it: take it back
                .doOnDiscard(Slot.class, slot -> slot.release().subscribe());
    }

    private Mono<Slot> acquire(Duration maxWait, Supplier<? extends RuntimeException> busy) {
        return Mono.<Slot>create(sink -> {
                    Waiter waiter = new Waiter(sink);
                    boolean now;
                    synchronized (this) {
                        now = free > 0;
                        if (now) {
                            free--;
                            waiter.granted.set(true);
                        }
                        else {
                            waiting.add(waiter);
                        }
                    }
                    if (now) {
                        sink.success(new Slot());
                        return;
                    }
                    sink.onCancel(() -> {
                        // a timeout or a client gone: leave the queue (a slot granted meanwhile comes back as a discard)
                        if (waiter.granted.compareAndSet(false, true)) {
                            synchronized (this) {
                                waiting.remove(waiter);
                            }
                        }
                    });
                })
                .timeout(maxWait, Mono.error(busy));
    }

    private void releaseNow() {
        while (true) {
            Waiter next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    free++;
                    return;
                }
            }
            if (next.granted.compareAndSet(false, true)) {
                next.sink.success(new Slot());
                return;
            }
        }
    }

    /** One slot held; released once, however many paths try. */
    private final class Slot {

        private final AtomicBoolean released = new AtomicBoolean();

        Mono<Void> release() {
            return Mono.fromRunnable(() -> {
                if (released.compareAndSet(false, true)) {
                    releaseNow();
                }
            });
        }
    }

    private record Waiter(MonoSink<Slot> sink, AtomicBoolean granted) {
        Waiter(MonoSink<Slot> sink) {
            this(sink, new AtomicBoolean());
        }
    }
}
