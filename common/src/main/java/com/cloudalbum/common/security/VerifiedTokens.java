package com.cloudalbum.common.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Tokens that passed every check, so the next request with the same token skips the signature and the
 * claim checks. Keyed by the whole token string (an equal string is the same signed token), so a hit can
 * only return that token's own claims; an entry lives until the token's {@code exp} at the latest and the
 * cache holds at most {@code maxSize} tokens.
 */
final class VerifiedTokens {

    private final Clock clock;
    private final Cache<String, Jwt> cache;

    VerifiedTokens(long maxSize, Clock clock) {
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxSize)
                // frees memory once a token expired; get() checks exp against the clock as well
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> lifeLeft(jwt)))
                .build();
    }

    @Nullable Jwt get(String token) {
        Jwt jwt = cache.getIfPresent(token);
        if (jwt == null) {
            return null;
        }
        if (!alive(jwt)) {
            cache.invalidate(token);
            return null;
        }
        return jwt;
    }

    /** Only a token with an {@code exp} still ahead is kept. */
    void put(Jwt jwt) {
        if (alive(jwt)) {
            cache.put(jwt.getTokenValue(), jwt);
        }
    }

    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private boolean alive(Jwt jwt) {
        Duration left = lifeLeft(jwt);
        return !left.isNegative() && !left.isZero();
    }

    private Duration lifeLeft(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt == null ? Duration.ZERO : Duration.between(clock.instant(), expiresAt);
    }
}
