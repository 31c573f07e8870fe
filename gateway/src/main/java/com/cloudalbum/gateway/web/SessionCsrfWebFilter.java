package com.cloudalbum.gateway.web;

import java.net.URI;
import java.util.Set;

import com.cloudalbum.common.problem.ProblemWriter;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CSRF guard for cookie sessions, on top of SameSite=Strict: a request that changes something and
 * rides on the session cookies (or signs in, refreshes or signs out) must carry the header
 * {@value #HEADER}. A form on another site cannot add a header, and a script there cannot send one
 * cross-origin without a CORS preflight, which the gateway refuses. Requests with an
 * {@code Authorization} header carry no ambient credential and are not concerned.
 */
@Component
@Order(-200) // before Spring Security's chain (-100): refused before any token is looked at
class SessionCsrfWebFilter implements WebFilter {

    static final String HEADER = "X-Requested-With";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    private final ProblemWriter problems;

    SessionCsrfWebFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        boolean concerned = !SAFE.contains(request.getMethod())
                && path.startsWith("/api/")
                && !request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                && (path.equals(SessionCookies.REFRESH_PATH) || path.startsWith(SessionCookies.REFRESH_PATH + "/")
                        || SessionCookies.present(exchange));
        String marker = request.getHeaders().getFirst(HEADER);
        if (!concerned || (marker != null && !marker.isBlank())) {
            return chain.filter(exchange);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "A request made with the session cookie needs the " + HEADER + " header.");
        problem.setType(URI.create("/problems/csrf"));
        problem.setTitle("Cross-site request refused");
        problem.setInstance(URI.create(path));
        return problems.write(exchange, problem);
    }
}
