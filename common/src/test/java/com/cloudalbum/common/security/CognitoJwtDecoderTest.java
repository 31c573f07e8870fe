package com.cloudalbum.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.cloudalbum.common.test.MutableClock;
import com.cloudalbum.common.test.TestTokens;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The decoder against a JWKS the test serves (and counts, and stalls); time from a clock the test moves. */
class CognitoJwtDecoderTest {

    static final String ISSUER = "http://localhost:9229/local_test";
    static final String CLIENT = "client-1";

    MutableClock clock = new MutableClock(Instant.now());
    static final TestTokens tokens = TestTokens.withNewKey(ISSUER, CLIENT);
    static final TestTokens otherKey = TestTokens.withNewKey(ISSUER, CLIENT);
    AtomicInteger fetches = new AtomicInteger();

    CognitoJwtDecoder decoder(Mono<String> jwks) {
        JwksKeys keys = new JwksKeys(() -> {
            fetches.incrementAndGet();
            return jwks;
        }, Duration.ofSeconds(30), Duration.ofMillis(200), clock);
        CognitoTokenProperties properties = new CognitoTokenProperties(URI.create(ISSUER), null, List.of(CLIENT),
                Duration.ofSeconds(60), List.of(), List.of(), 100, Duration.ofSeconds(30), Duration.ofMillis(200));
        return new CognitoJwtDecoder(keys, CognitoSecurityAutoConfiguration.validator(properties, clock),
                new VerifiedTokens(100, clock));
    }

    CognitoJwtDecoder decoder() {
        return decoder(Mono.fromSupplier(tokens::jwks));
    }

    @Test
    void decode_validToken_returnsItsClaims() {
        StepVerifier.create(decoder().decode(tokens.valid("alice")))
                .assertNext(jwt -> assertThat(jwt.getSubject()).isEqualTo("alice"))
                .verifyComplete();
    }

    @Test
    void decode_withoutExp_isRejected() {
        String token = tokens.sign(tokens.claims("alice").expirationTime(null).build());

        StepVerifier.create(decoder().decode(token)).verifyError(BadJwtException.class);
    }

    @Test
    void decode_withEmptySubject_isRejected() {
        StepVerifier.create(decoder().decode(tokens.valid(""))).verifyError(BadJwtException.class);
    }

    @Test
    void decode_withoutSubject_isRejected() {
        String token = tokens.sign(tokens.claims("alice").subject(null).build());

        StepVerifier.create(decoder().decode(token)).verifyError(BadJwtException.class);
    }

    @Test
    void decode_sameTokenTwice_fetchesKeysOnceAndReturnsTheSameIdentity() {
        CognitoJwtDecoder decoder = decoder();
        String token = tokens.valid("alice");

        StepVerifier.create(decoder.decode(token).then(decoder.decode(token)))
                .assertNext(jwt -> assertThat(jwt.getSubject()).isEqualTo("alice"))
                .verifyComplete();
        assertThat(fetches).hasValue(1);
    }

    @Test
    void decode_tamperedCopyOfAVerifiedToken_isRejected() {
        CognitoJwtDecoder decoder = decoder();
        String token = tokens.valid("alice");
        StepVerifier.create(decoder.decode(token)).expectNextCount(1).verifyComplete();

        StepVerifier.create(decoder.decode(TestTokens.tamper(token, "mallory"))).verifyError(BadJwtException.class);
    }

    @Test
    void decode_verifiedTokenAfterItExpired_isRejected() {
        CognitoJwtDecoder decoder = decoder();
        Instant now = clock.instant();
        String token = tokens.sign(tokens.claims("alice").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(120))).build());
        StepVerifier.create(decoder.decode(token)).expectNextCount(1).verifyComplete();

        clock.advance(Duration.ofSeconds(120 + 61));

        StepVerifier.create(decoder.decode(token)).verifyError(BadJwtException.class);
    }

    @Test
    void decode_unknownKids_fetchTheJwksAtMostOncePerInterval() {
        CognitoJwtDecoder decoder = decoder();
        StepVerifier.create(decoder.decode(tokens.valid("alice"))).expectNextCount(1).verifyComplete();

        for (int i = 0; i < 20; i++) {
            StepVerifier.create(decoder.decode(otherKey.valid("mallory"))).verifyError(BadJwtException.class);
        }
        assertThat(fetches).hasValue(1);

        clock.advance(Duration.ofSeconds(30));
        StepVerifier.create(decoder.decode(otherKey.valid("mallory"))).verifyError(BadJwtException.class);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void decode_whenTheJwksEndpointStalls_answersUnauthenticatedAfterTheTimeout() {
        StepVerifier.create(decoder(Mono.never()).decode(tokens.valid("alice")))
                .verifyError(BadJwtException.class);
    }

    @Test
    void decode_whenTheKeyRotates_fetchesTheNewKeyOnce() {
        AtomicInteger served = new AtomicInteger();
        CognitoJwtDecoder decoder = decoder(Mono.fromSupplier(() -> served.getAndIncrement() == 0 ? tokens.jwks() : otherKey.jwks()));
        StepVerifier.create(decoder.decode(tokens.valid("alice"))).expectNextCount(1).verifyComplete();
        clock.advance(Duration.ofMinutes(1));

        StepVerifier.create(decoder.decode(otherKey.valid("bob")))
                .assertNext(jwt -> assertThat(jwt.getSubject()).isEqualTo("bob"))
                .verifyComplete();
    }

    @Test
    void decode_hs256WithThePublicKey_isRejected() {
        StepVerifier.create(decoder().decode(tokens.hs256WithPublicKeyAsSecret("alice"))).verifyError(BadJwtException.class);
    }

    @Test
    void decode_algNone_isRejected() {
        StepVerifier.create(decoder().decode(tokens.unsigned("alice"))).verifyError(BadJwtException.class);
    }

    @Test
    void decode_expiredBeforeItWasIssued_isRejected() {
        String token = tokens.sign(tokens.claims("alice").expirationTime(Date.from(clock.instant().minusSeconds(3600))).build());

        StepVerifier.create(decoder().decode(token)).verifyError(BadJwtException.class);
    }

    @Test
    void decode_tokenNotYetValid_isRejected() {
        Instant later = clock.instant().plusSeconds(600);
        JWTClaimsSet claims = tokens.claims("alice").notBeforeTime(Date.from(later)).build();

        StepVerifier.create(decoder().decode(tokens.sign(claims))).verifyError(BadJwtException.class);
    }
}
