package com.cloudalbum.common.security;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The bearer token of the {@code Authorization} header, read as Spring Security's
 * {@code ServerBearerTokenAuthenticationConverter} reads it with its defaults (header only, no query or form
 * parameter): a header starting with "bearer" (any case) must be {@code Bearer <token68>} or the request gets a 401
 * {@code invalid_token}; another scheme is no token. Without that converter's case-insensitive regex over the whole
 * ~900-character token and its merge of three token sources per request (4 % of the gateway's CPU per request).
 * The gateway extends it with the web app's cookie; a bean of this type replaces the default in every chain.
 */
public class BearerHeaderConverter implements ServerAuthenticationConverter {

    private static final String SCHEME = "Bearer ";

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "bearer", 0, 6)) {
            return Mono.empty();
        }
        String token = token(header);
        return token == null
                ? Mono.error(new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed")))
                : Mono.just(new BearerTokenAuthenticationToken(token));
    }

    /** The token of {@code Bearer <token68>}; null if the header is not that. */
    static @Nullable String token(String header) {
        int start = SCHEME.length();
        return header.regionMatches(true, 0, SCHEME, 0, start) && isToken68(header, start) ? header.substring(start) : null;
    }

    /** RFC 6750's token68 from {@code start} to the end: one or more of A-Z a-z 0-9 - . _ ~ + /, then any '='. */
    protected static boolean isToken68(String value, int start) {
        int i = start;
        int n = value.length();
        while (i < n && tokenChar(value.charAt(i))) {
            i++;
        }
        if (i == start) {
            return false;
        }
        while (i < n && value.charAt(i) == '=') {
            i++;
        }
        return i == n;
    }

    private static boolean tokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
