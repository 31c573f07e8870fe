package com.cloudalbum.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import com.cloudalbum.common.test.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class VerifiedTokensTest {

    static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    MutableClock clock = new MutableClock(NOW);

    @Test
    void get_afterTheTokenExpired_returnsNothing() {
        VerifiedTokens tokens = new VerifiedTokens(100, clock);
        tokens.put(jwt("token-a", "alice", NOW.plusSeconds(60)));

        clock.advance(Duration.ofSeconds(59));
        assertThat(tokens.get("token-a")).isNotNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.get("token-a")).isNull();
    }

    @Test
    void put_whenTheTokenHasExpired_keepsNothing() {
        VerifiedTokens tokens = new VerifiedTokens(100, clock);
        tokens.put(jwt("token-a", "alice", NOW.minusSeconds(1)));

        assertThat(tokens.get("token-a")).isNull();
    }

    @Test
    void get_returnsOnlyTheClaimsOfThatExactToken() {
        VerifiedTokens tokens = new VerifiedTokens(100, clock);
        tokens.put(jwt("header.payload-a.signature", "alice", NOW.plusSeconds(3600)));
        tokens.put(jwt("header.payload-b.signature", "bob", NOW.plusSeconds(3600)));

        assertThat(tokens.get("header.payload-a.signature").getSubject()).isEqualTo("alice");
        assertThat(tokens.get("header.payload-b.signature").getSubject()).isEqualTo("bob");
        assertThat(tokens.get("header.payload-c.signature")).isNull();
        assertThat(tokens.get("header.payload-a.signaturE")).isNull();
    }

    @Test
    void put_beyondTheMaximum_keepsTheCacheBounded() {
        VerifiedTokens tokens = new VerifiedTokens(50, clock);
        for (int i = 0; i < 1000; i++) {
            tokens.put(jwt("token-" + i, "user-" + i, NOW.plusSeconds(3600)));
        }

        assertThat(tokens.size()).isLessThanOrEqualTo(50);
    }

    static Jwt jwt(String value, String subject, Instant expiresAt) {
        return Jwt.withTokenValue(value).header("alg", "RS256").subject(subject)
                .issuedAt(expiresAt.minusSeconds(3600)).expiresAt(expiresAt).build();
    }
}
