package com.cloudalbum.common.security;

import java.net.URI;

import com.cloudalbum.common.problem.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 as problem+json with the RFC 6750 {@code WWW-Authenticate} challenge. The detail says what
 * kind of failure it was, never which check failed or what the token held.
 */
public final class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    static final URI UNAUTHENTICATED = URI.create("/problems/unauthenticated");

    private final ProblemWriter writer;

    public ProblemAuthenticationEntryPoint(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        // a token was presented and failed a check; otherwise none was sent
        boolean tokenGiven = failure instanceof OAuth2AuthenticationException;
        String challenge = tokenGiven
                ? "Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired\""
                : "Bearer";
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                tokenGiven ? "The access token is invalid or expired." : "This request needs a valid access token.");
        problem.setType(UNAUTHENTICATED);
        problem.setTitle("Unauthenticated");
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return writer.write(exchange, problem);
    }
}
