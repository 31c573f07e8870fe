package com.cloudalbum.common.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

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
 */
@Validated
@ConfigurationProperties("album.security")
public record CognitoTokenProperties(
        @NotNull URI issuer,
        @Nullable URI jwksUri,
        @NotEmpty List<String> clientIds,
        @NotNull @DefaultValue("60s") Duration clockSkew,
        @DefaultValue({}) List<String> publicPaths,
        @DefaultValue({}) List<String> corsOrigins) {

    public URI effectiveJwksUri() {
        return jwksUri != null && !jwksUri.toString().isBlank()
                ? jwksUri
                : URI.create(issuer.toString().replaceAll("/$", "") + "/.well-known/jwks.json");
    }
}
