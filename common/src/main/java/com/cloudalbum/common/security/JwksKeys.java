package com.cloudalbum.common.security;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The pool's signing keys, parsed once into verifiers by {@code kid}. A {@code kid} it does not know
 * (a rotated key, or a forged header) fetches the JWKS again, but at most once per {@code refreshInterval}
 * and with a timeout: other requests with unknown kids are answered from the keys at hand (so they get 401)
 * instead of each calling the endpoint, and a stalled endpoint holds no request longer than the timeout.
 */
final class JwksKeys {

    private static final Logger log = LoggerFactory.getLogger(JwksKeys.class);

    private final Supplier<Mono<String>> fetch;
    private final Duration refreshInterval;
    private final Duration timeout;
    private final Clock clock;

    private volatile Map<String, JWSVerifier> verifiers = Map.of();
    private @Nullable Instant lastFetch;
    private @Nullable Mono<Map<String, JWSVerifier>> inFlight;

    JwksKeys(Supplier<Mono<String>> fetch, Duration refreshInterval, Duration timeout, Clock clock) {
        this.fetch = fetch;
        this.refreshInterval = refreshInterval;
        this.timeout = timeout;
        this.clock = clock;
    }

    static JwksKeys remote(WebClient web, URI jwksUri, Duration refreshInterval, Duration timeout, Clock clock) {
        return new JwksKeys(() -> web.get().uri(jwksUri).retrieve().bodyToMono(String.class), refreshInterval, timeout, clock);
    }

    /** The verifier for {@code kid}; empty when the pool has no such key (as far as this interval knows). */
    Mono<JWSVerifier> verifier(String kid) {
        JWSVerifier known = verifiers.get(kid);
        if (known != null) {
            return Mono.just(known);
        }
        return Mono.defer(this::refresh).mapNotNull(keys -> keys.get(kid));
    }

    private synchronized Mono<Map<String, JWSVerifier>> refresh() {
        if (inFlight != null) {
            return inFlight;
        }
        Instant now = clock.instant();
        if (lastFetch != null && now.isBefore(lastFetch.plus(refreshInterval))) {
            return Mono.just(verifiers);
        }
        lastFetch = now;
        Mono<Map<String, JWSVerifier>> fetching = Mono.defer(fetch)
                .timeout(timeout)
                .map(JwksKeys::parse)
                .doOnNext(parsed -> verifiers = parsed)
                .onErrorResume(e -> {
                    // no key material in the message; requests meanwhile get 401
                    log.warn("JWKS fetch failed, keeping {} known keys until the next attempt: {}", verifiers.size(), e.toString());
                    return Mono.just(verifiers);
                })
                .doFinally(signal -> done())
                .cache();
        inFlight = fetching;
        return fetching;
    }

    private synchronized void done() {
        inFlight = null;
    }

    /** RSA signing keys only; a key marked for encryption or another algorithm verifies nothing. */
    static Map<String, JWSVerifier> parse(String json) {
        try {
            Map<String, JWSVerifier> parsed = new HashMap<>();
            for (JWK jwk : JWKSet.parse(json).getKeys()) {
                if (jwk instanceof RSAKey rsa && rsa.getKeyID() != null
                        && (rsa.getKeyUse() == null || KeyUse.SIGNATURE.equals(rsa.getKeyUse()))
                        && (rsa.getAlgorithm() == null || JWSAlgorithm.RS256.equals(rsa.getAlgorithm()))) {
                    parsed.put(rsa.getKeyID(), new RSASSAVerifier(rsa.toRSAPublicKey()));
                }
            }
            return Map.copyOf(parsed);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("JWKS unreadable: " + e.getMessage(), e);
        }
    }
}
