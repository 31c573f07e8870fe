package com.cloudalbum.gateway.route;

import com.cloudalbum.common.netty.InboundBody;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A proxied request body is read from the client only as fast as the service takes it, {@value #CHUNKS_AHEAD}
 * chunks (of at most 64 KiB) ahead. Without this Reactor Netty's send asks the body for 128 chunks at once, so a
 * service that reads slowly (or waits before reading, as photo-service does when its uploads are all in flight)
 * left up to 128 chunks per connection in the gateway's direct memory: 256 uploads at once ran a 96 MB gateway
 * out of it.
 */
@Component
class BoundedBodyGlobalFilter implements GlobalFilter, Ordered {

    static final int CHUNKS_AHEAD = 2;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        if (headers.getContentLength() <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange);
        }
        // not chunked, so a declared length: no filter before this one changes the body (BodySizeLimit counts only
        // chunked ones), so it can be read straight from Reactor Netty, one context restore per chunk instead of three
        boolean declared = !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
        ServerHttpRequestDecorator bounded = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return (declared ? InboundBody.of(getDelegate()) : super.getBody()).limitRate(CHUNKS_AHEAD);
            }
        };
        return chain.filter(exchange.mutate().request(bounded).build());
    }

    /** Next to the routing filter, after every filter that reads or replaces the body. */
    @Override
    public int getOrder() {
        return NettyRoutingFilter.ORDER - 2;
    }
}
