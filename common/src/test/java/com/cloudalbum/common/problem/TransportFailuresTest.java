package com.cloudalbum.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

class TransportFailuresTest {

    private final TransportFailures transport = new TransportFailures();

    @Test
    void classify_whenConnectionRefusedResetOrClosed_isUnavailable() {
        assertThat(transport.classify(new ConnectException("Connection refused")).kind()).isEqualTo(ClassifiedFailure.Kind.UNAVAILABLE);
        assertThat(transport.classify(new SocketException("Connection reset")).kind()).isEqualTo(ClassifiedFailure.Kind.UNAVAILABLE);
        assertThat(transport.classify(new IllegalStateException(new ClosedChannelException())).kind())
                .isEqualTo(ClassifiedFailure.Kind.UNAVAILABLE);
        assertThat(transport.classify(new TimeoutException("pool acquire")).retryAfter()).isPositive();
    }

    @Test
    void classify_whenPeerClosesBeforeAnsweringOrConnectionAborted_isUnavailable() {
        assertThat(transport.classify(PrematureCloseException.TEST_EXCEPTION)).isNotNull();
        assertThat(transport.classify(new AbortedException("Connection has been closed"))).isNotNull();
    }

    @Test
    void classify_whenOtherFailure_leavesItAlone() {
        assertThat(transport.classify(new IllegalStateException("bug"))).isNull();
        assertThat(transport.classify(new IOException("disk full"))).isNull();
    }
}
