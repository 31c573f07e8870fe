package com.cloudalbum.common.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which Cognito access tokens this application accepts, and which paths need none.
 *
 * @param issuer        the user pool's issuer ({@code https://cognito-idp.<region>.amazonaws.com/<poolId>})
 * @param jwksUri       where its keys are; defaults to {@code <issuer>/.well-known/jwks.json}
 * @param clientIds     app clients whose tokens are accepted ({@code client_id} claim)
 * @param clockSkew     tolerance on {@code exp} and {@code nbf}
 * @param publicPaths   path patterns that need no token (sign-up, sign-in, …)
 * @param corsOrigins   browser origins allowed to call the API cross-origin; empty means none
 * @param tokenCacheSize       verified tokens remembered (each until its {@code exp}), so a token is checked once
 * @param jwksRefreshInterval  an unknown {@code kid} fetches the JWKS again at most this often
 * @param jwksTimeout          how long a JWKS fetch may take before the token is answered 401
 */
@Validated
@ConfigurationProperties("album.security")
public record CognitoTokenProperties(
        @NotNull URI issuer,
        @Nullable URI jwksUri,
        @NotEmpty List<String> clientIds,
        @NotNull @DefaultValue("60s") Duration clockSkew,
        @DefaultValue({}) List<String> publicPaths,
        @DefaultValue({}) List<String> corsOrigins,
        @Positive @DefaultValue("10000") long tokenCacheSize,
        @NotNull @DefaultValue("30s") Duration jwksRefreshInterval,
        @NotNull @DefaultValue("5s") Duration jwksTimeout) {

    public URI effectiveJwksUri() {
        return jwksUri != null && !jwksUri.toString().isBlank()
                ? jwksUri
                : URI.create(issuer.toString().replaceAll("/$", "") + "/.well-known/jwks.json");
    }
}
