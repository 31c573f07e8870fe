package com.cloudalbum.common.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Flux;
import reactor.netty.channel.ChannelOperations;

/**
 * A request body read straight from Reactor Netty's inbound, one operator deep. With automatic context propagation
 * Reactor restores the request's thread-locals (trace, security context, MDC) at every boundary between one of its
 * operators and a publisher it does not know; {@code ServerHttpRequest#getBody()} stacks three such boundaries
 * (Reactor Netty's receive, its byte-buffer view, Spring's retaining map), so every network chunk of an upload paid
 * three restores and three clears (a quarter of photo-service's and the gateway's CPU per MB in a profile). Read this
 * way a chunk pays one, and still runs with the request's thread-locals set.
 *
 * <p>The buffers are retained as {@code getBody()} retains them: whoever consumes one releases it.
 */
public final class InboundBody {

    private InboundBody() {
    }

    /** The body's buffers; {@code request.getBody()} where the server is not Reactor Netty. */
    public static Flux<DataBuffer> of(ServerHttpRequest request) {
        if (nativeRequest(request) instanceof ChannelOperations<?, ?> inbound) {
            NettyDataBufferFactory buffers = new NettyDataBufferFactory(inbound.channel().alloc());
            return inbound.receiveObject().map(message -> buffers.wrap(content(message).retain()));
        }
        return request.getBody();
    }

    private static Object nativeRequest(ServerHttpRequest request) {
        try {
            return ServerHttpRequestDecorator.getNativeRequest(request);
        } catch (IllegalArgumentException | IllegalStateException notAServerRequest) { // a decorator without one, a mock
            return request;
        }
    }

    private static ByteBuf content(Object message) {
        if (message instanceof ByteBufHolder holder) {
            return holder.content();
        }
        if (message instanceof ByteBuf buffer) {
            return buffer;
        }
        throw new IllegalStateException("not a body chunk: " + message.getClass().getName());
    }
}
