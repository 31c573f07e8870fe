package com.cloudalbum.common.test;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.context.annotation.Bean;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;
import reactor.core.publisher.Mono;

/**
 * The application's session manager, counting the exchanges whose session was looked up: a stateless
 * service looks up none. Boot backs off from its own under this bean name, so {@code @Import} is enough.
 */
public class TestSessions {

    private final AtomicLong lookedUp = new AtomicLong();

    public long lookedUp() {
        return lookedUp.get();
    }

    @Bean(WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)
    WebSessionManager countingWebSessionManager() {
        DefaultWebSessionManager sessions = new DefaultWebSessionManager();
        return new WebSessionManager() {
            @Override
            public Mono<WebSession> getSession(ServerWebExchange exchange) {
                return Mono.defer(() -> {
                    lookedUp.incrementAndGet();
                    return sessions.getSession(exchange);
                });
            }
        };
    }
}
