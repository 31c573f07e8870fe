package com.cloudalbum.gateway.route;

import com.cloudalbum.common.problem.ClassifiedFailure;
import com.cloudalbum.common.problem.Problems;
import com.cloudalbum.common.problem.TransportFailures;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.TimeoutException;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A service behind the gateway that is down, dying or hung is a 503 {@code /problems/service-unavailable}
 * with {@code Retry-After}, whatever the transport said: refused or reset connection, a pooled
 * connection found dead, the peer closing before it answered (Reactor Netty's
 * {@code PrematureCloseException}), a closed channel, or no answer within the response timeout (which
 * Spring Cloud Gateway itself would answer 504). The cause goes to the log with the route.
 */
@Component
class ServiceUnavailableGlobalFilter implements GlobalFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).onErrorMap(ServiceUnavailableGlobalFilter::serviceUnavailable, e -> {
            Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            String routeId = route == null ? "?" : route.getId();
            return Problems.of(ClassifiedFailure.unavailable("route " + routeId), new ServiceUnavailableException(routeId, e));
        });
    }

    static boolean serviceUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || TransportFailures.isTransport(t)) {
                return true;
            }
        }
        return false;
    }

    /** Just before the routing filter, so only proxying failures pass through here. */
    @Override
    public int getOrder() {
        return NettyRoutingFilter.ORDER - 1;
    }

    /** Names the route in the log line of the 503. */
    static final class ServiceUnavailableException extends RuntimeException {

        ServiceUnavailableException(String routeId, Throwable cause) {
            super("route " + routeId + " did not answer", cause, false, false);
        }
    }
}
