package com.cloudalbum.gateway.web;

import java.net.URI;
import java.util.Map;

import com.cloudalbum.common.problem.Problems;
import com.cloudalbum.common.tracing.TraceScope;
import com.cloudalbum.gateway.config.WebProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web app's session: a backend-for-frontend over user-service's token endpoints. The browser
 * gets the tokens only as HttpOnly cookies ({@link SessionCookies}), never in a body a script could
 * read. Failures of user-service (wrong credentials, throttling, …) are relayed as they are.
 */
@RestController
@RequestMapping("/api/session")
class SessionController {

    private static final Logger log = LoggerFactory.getLogger(SessionController.class);

    private final UserServiceClient users;
    private final WebProperties properties;
    private final JsonMapper json;

    SessionController(UserServiceClient users, WebProperties properties, JsonMapper json) {
        this.users = users;
        this.properties = properties;
        this.json = json;
    }

    /** Signs in with {@code {email, password}}; 204 and both cookies on success. */
    @PostMapping
    Mono<ResponseEntity<String>> signIn(@RequestBody Map<String, Object> credentials, ServerWebExchange exchange) {
        return users.post("/api/auth/signin", null, credentials).map(reply -> {
            if (!reply.ok()) {
                return relay(reply);
            }
            UserServiceClient.Tokens tokens = tokens(reply);
            SessionCookies.setAccess(exchange, tokens.accessToken(), tokens.accessLifetime());
            if (tokens.refreshToken() != null) {
                SessionCookies.setRefresh(exchange, tokens.refreshToken(), properties.refreshCookieLifetime());
            }
            return ResponseEntity.noContent().build();
        });
    }

    /** Trades the refresh cookie for a new access cookie; a refused refresh token ends the session. */
    @PostMapping("/refresh")
    Mono<ResponseEntity<String>> refresh(ServerWebExchange exchange) {
        String refreshToken = SessionCookies.refresh(exchange).orElse(null);
        if (refreshToken == null) {
            return Mono.error(Problems.of(HttpStatus.UNAUTHORIZED, "invalid-refresh-token", "Session ended",
                    "There is no session to refresh; sign in again."));
        }
        return users.post("/api/auth/refresh", null, Map.of("refreshToken", refreshToken)).map(reply -> {
            if (!reply.ok()) {
                if (reply.status().value() == HttpStatus.UNAUTHORIZED.value()) {
                    SessionCookies.clear(exchange);
                }
                return relay(reply);
            }
            UserServiceClient.Tokens tokens = tokens(reply);
            SessionCookies.setAccess(exchange, tokens.accessToken(), tokens.accessLifetime());
            if (tokens.refreshToken() != null) { // a pool client with refresh-token rotation sends a new one
                SessionCookies.setRefresh(exchange, tokens.refreshToken(), properties.refreshCookieLifetime());
            }
            return ResponseEntity.noContent().build();
        });
    }

    /**
     * Signs out: user-service signs the user out of Cognito and revokes the refresh token. The cookies
     * are cleared whatever it answers, so this browser is signed out in any case; but when user-service
     * could not confirm the sign-out (its 5xx problem, or it did not answer) the client gets that 503
     * problem, not a 204: the tokens may still be alive elsewhere. A 4xx (a token already invalid)
     * leaves nothing to revoke with it and is a 204.
     */
    @DeleteMapping
    Mono<ResponseEntity<?>> signOut(ServerWebExchange exchange) {
        String refreshToken = SessionCookies.refresh(exchange).orElse(null);
        Map<String, Object> body = refreshToken == null ? Map.of() : Map.of("refreshToken", refreshToken);
        // without an access cookie (expired), a new access token is needed to sign out with
        Mono<UserServiceClient.Reply> signedOut = SessionCookies.access(exchange)
                .map(access -> users.post("/api/auth/signout", access, body))
                .orElseGet(() -> refreshToken == null ? Mono.empty()
                        : users.post("/api/auth/refresh", null, Map.of("refreshToken", refreshToken))
                                .flatMap(refreshed -> refreshed.ok()
                                        ? users.post("/api/auth/signout", tokens(refreshed).accessToken(), body)
                                        : Mono.just(refreshed)));
        // handle, not map: it restores the trace for the log lines (the gateway's propagation is limited)
        return signedOut
                .<ResponseEntity<?>>handle((reply, sink) -> {
                    if (reply.status().is5xxServerError()) {
                        sink.next(relay(reply));
                        return;
                    }
                    if (!reply.ok()) {
                        log.warn("sign-out refused by user-service, nothing to revoke with this token [status={}]",
                                reply.status().value());
                    }
                    sink.next(ResponseEntity.noContent().build());
                })
                .onErrorResume(ErrorResponseException.class, e -> TraceScope.run(() -> log.warn(
                                "sign-out could not reach user-service [cause={}]", e.getCause() == null ? e : e.getCause().toString()))
                        .thenReturn(problem(e, exchange)))
                .defaultIfEmpty(ResponseEntity.noContent().build())
                .doOnNext(answer -> SessionCookies.clear(exchange));
    }

    private static ResponseEntity<ProblemDetail> problem(ErrorResponseException e, ServerWebExchange exchange) {
        ProblemDetail body = e.getBody();
        body.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return ResponseEntity.status(e.getStatusCode())
                .headers(e.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    private UserServiceClient.Tokens tokens(UserServiceClient.Reply reply) {
        return json.readValue(reply.body(), UserServiceClient.Tokens.class);
    }

    private static ResponseEntity<String> relay(UserServiceClient.Reply reply) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(reply.status());
        if (reply.contentType() != null) {
            answer.contentType(reply.contentType());
        }
        if (reply.retryAfter() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, reply.retryAfter());
        }
        return reply.body().isEmpty() ? answer.build() : answer.body(reply.body());
    }
}
