package com.cloudalbum.user.account;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Accounts at the identity provider (Cognito). Failures arrive as the user-service's problems
 * (wrong credentials, unconfirmed, throttled, …), already mapped.
 */
public interface IdentityProvider {

    /** Registers the account and returns its immutable id (Cognito's {@code sub}). */
    Mono<String> signUp(String username, String email, String password, String name);

    /** Confirms the account without a code; for the local stack only (a setting). */
    Mono<Void> confirmWithoutCode(String username);

    Mono<Void> confirm(String username, String code);

    Mono<Void> resendCode(String username);

    Mono<Tokens> signIn(String username, String password);

    Mono<Tokens> refresh(String refreshToken);

    /** Revokes what the provider can revoke: the refresh token if given, and the user's sessions. */
    Mono<Void> signOut(String accessToken, @Nullable String refreshToken);

    Mono<Void> changePassword(String accessToken, String currentPassword, String newPassword);

    Mono<Void> updateName(String username, String name);

    /** Removes an account whose sign-up could not be completed. */
    Mono<Void> delete(String username);
}
