package com.cloudalbum.gateway.web;

import java.util.List;

import com.cloudalbum.common.security.BearerHeaderConverter;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The bearer token from the {@code Authorization} header as before, or else from the web app's
 * access-token cookie. The cookie is ignored on public paths (sign-in, refresh, sign-out), so a
 * stale cookie can never turn them into a 401. Gateway only: the services keep taking the header,
 * which {@link BearerRelayGlobalFilter} sets from whatever token authenticated the request.
 */
final class CookieBearerTokenConverter extends BearerHeaderConverter {

    private final List<PathPattern> publicPaths;

    CookieBearerTokenConverter(List<String> publicPaths) {
        this.publicPaths = publicPaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        return super.convert(exchange).switchIfEmpty(Mono.defer(() -> fromCookie(exchange)));
    }

    private Mono<Authentication> fromCookie(ServerWebExchange exchange) {
        if (publicPaths.stream().anyMatch(path -> path.matches(exchange.getRequest().getPath().pathWithinApplication()))) {
            return Mono.empty();
        }
        return Mono.justOrEmpty(SessionCookies.access(exchange)).flatMap(token -> isToken68(token, 0)
                ? Mono.just(new BearerTokenAuthenticationToken(token))
                : Mono.error(new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"))));
    }
}
