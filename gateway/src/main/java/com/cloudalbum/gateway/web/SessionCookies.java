package com.cloudalbum.gateway.web;

import java.time.Duration;
import java.util.Optional;

import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;

/**
 * The two session cookies. Both are HttpOnly (no script reads them), SameSite=Strict (no other site's
 * page sends them) and Secure when the browser came over HTTPS. The access token goes to {@code /api}
 * only; the refresh token, which lives for weeks, only to {@code /api/session}, where it is traded
 * for a new access token or revoked.
 */
final class SessionCookies {

    static final String ACCESS = "album_access";
    static final String REFRESH = "album_refresh";
    static final String ACCESS_PATH = "/api";
    static final String REFRESH_PATH = "/api/session";

    private SessionCookies() {
    }

    static Optional<String> access(ServerWebExchange exchange) {
        return value(exchange, ACCESS);
    }

    static Optional<String> refresh(ServerWebExchange exchange) {
        return value(exchange, REFRESH);
    }

    static boolean present(ServerWebExchange exchange) {
        return access(exchange).isPresent() || refresh(exchange).isPresent();
    }

    static void setAccess(ServerWebExchange exchange, String token, Duration lifetime) {
        exchange.getResponse().addCookie(cookie(exchange, ACCESS, token, ACCESS_PATH, lifetime));
    }

    static void setRefresh(ServerWebExchange exchange, String token, Duration lifetime) {
        exchange.getResponse().addCookie(cookie(exchange, REFRESH, token, REFRESH_PATH, lifetime));
    }

    static void clear(ServerWebExchange exchange) {
        exchange.getResponse().addCookie(cookie(exchange, ACCESS, "", ACCESS_PATH, Duration.ZERO));
        exchange.getResponse().addCookie(cookie(exchange, REFRESH, "", REFRESH_PATH, Duration.ZERO));
    }

    private static Optional<String> value(ServerWebExchange exchange, String name) {
        return Optional.ofNullable(exchange.getRequest().getCookies().getFirst(name))
                .map(HttpCookie::getValue)
                .filter(value -> !value.isBlank());
    }

    private static ResponseCookie cookie(ServerWebExchange exchange, String name, String value, String path, Duration maxAge) {
        return ResponseCookie.from(name, value)
                .httpOnly(true)
                .secure(overHttps(exchange))
                .sameSite("Strict")
                .path(path)
                .maxAge(maxAge)
                .build();
    }

    /**
     * HTTPS as the browser sees it: behind a load balancer that ends TLS the gateway itself is
     * reached over HTTP and {@code X-Forwarded-Proto} tells. A client that forges the header only
     * makes its own cookies stricter.
     */
    private static boolean overHttps(ServerWebExchange exchange) {
        return "https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())
                || "https".equalsIgnoreCase(exchange.getRequest().getHeaders().getFirst("X-Forwarded-Proto"));
    }
}
