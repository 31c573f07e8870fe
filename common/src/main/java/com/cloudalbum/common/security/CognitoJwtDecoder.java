package com.cloudalbum.common.security;

import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Checks a Cognito access token once: RS256 signature by a key of the pool's JWKS (kept parsed in
 * {@link JwksKeys}), then the claim validators; a token that passed is remembered in {@link VerifiedTokens}
 * until it expires. Every failure is a {@link BadJwtException}, which the resource server answers with 401.
 */
final class CognitoJwtDecoder implements ReactiveJwtDecoder {

    private final JwksKeys keys;
    private final OAuth2TokenValidator<Jwt> validator;
    private final VerifiedTokens verified;
    private final Converter<Map<String, Object>, Map<String, Object>> claimConverter = MappedJwtClaimSetConverter.withDefaults(Map.of());

    CognitoJwtDecoder(JwksKeys keys, OAuth2TokenValidator<Jwt> validator, VerifiedTokens verified) {
        this.keys = keys;
        this.validator = validator;
        this.verified = verified;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.get(token);
        if (known != null) {
            return Mono.just(known);
        }
        SignedJWT parsed;
        try {
            parsed = SignedJWT.parse(token);
        } catch (ParseException e) {
            return Mono.error(new BadJwtException("Malformed token"));
        }
        JWSHeader header = parsed.getHeader();
        String kid = header.getKeyID();
        if (!JWSAlgorithm.RS256.equals(header.getAlgorithm()) || kid == null) {
            return Mono.error(new BadJwtException("Unsupported token header"));
        }
        return keys.verifier(kid)
                .switchIfEmpty(Mono.error(() -> new BadJwtException("Unknown signing key")))
                .map(verifier -> check(token, parsed, verifier));
    }

    private Jwt check(String token, SignedJWT parsed, JWSVerifier verifier) {
        Jwt jwt;
        try {
            if (!parsed.verify(verifier)) {
                throw new BadJwtException("Invalid signature");
            }
            Map<String, Object> claims = claimConverter.convert(parsed.getJWTClaimsSet().getClaims());
            if (claims == null || claims.isEmpty()) {
                throw new BadJwtException("Token without claims");
            }
            // the builder rejects what it cannot hold (an exp before iat): a bad token, not a server error
            jwt = Jwt.withTokenValue(token)
                    .headers(h -> h.putAll(parsed.getHeader().toJSONObject()))
                    .claims(c -> c.putAll(claims))
                    .build();
        } catch (JOSEException | ParseException | IllegalArgumentException | IllegalStateException e) {
            throw new BadJwtException("Unreadable token");
        }
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException("Token failed validation", result.getErrors());
        }
        verified.put(jwt);
        return jwt;
    }
}
