package com.cloudalbum.common.problem;

import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;

/**
 * Network failures on a call to another service: refused or reset connections, a pooled connection
 * found dead, a peer closing before it answered, timeouts. All mean "that service is not there right
 * now" and answer 503, whichever layer (JDK, Netty, Reactor Netty) raised them.
 */
public final class TransportFailures implements FailureClassifier, Ordered {

    /** Netty's and Reactor Netty's exceptions by name: common does not compile against their internals. */
    private static final Set<String> TRANSPORT_CLASS_NAMES = Set.of(
            "reactor.netty.http.client.PrematureCloseException",
            "reactor.netty.channel.AbortedException",
            "io.netty.channel.unix.Errors$NativeIoException",
            "io.netty.channel.ConnectTimeoutException",
            "io.netty.handler.timeout.ReadTimeoutException",
            "io.netty.handler.timeout.WriteTimeoutException",
            "io.netty.channel.ChannelException",
            "reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException",
            "reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException");

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public @Nullable ClassifiedFailure classify(Throwable failure) {
        Throwable transport = transportCause(failure);
        return transport == null ? null : ClassifiedFailure.unavailable("transport failure: " + transport);
    }

    /** The first network failure in the cause chain, or {@code null}. */
    public static @Nullable Throwable transportCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (isTransport(t)) {
                return t;
            }
        }
        return null;
    }

    public static boolean isTransport(Throwable t) {
        if (t instanceof SocketException || t instanceof SocketTimeoutException || t instanceof UnknownHostException
                || t instanceof ClosedChannelException || t instanceof TimeoutException
                || (t instanceof UncheckedIOException u && isTransport(u.getCause()))) {
            return true;
        }
        for (Class<?> type = t.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            if (TRANSPORT_CLASS_NAMES.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }
}
