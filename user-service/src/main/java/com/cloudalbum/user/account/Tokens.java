package com.cloudalbum.user.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/** Cognito's tokens; a refresh answers without a new refresh token. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tokens(String accessToken, @Nullable String idToken, @Nullable String refreshToken, long expiresIn,
                     String tokenType) {

    @Override
    public String toString() {
        return "Tokens[<redacted>, expiresIn=" + expiresIn + "]";
    }
}
