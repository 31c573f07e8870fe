package com.cloudalbum.user.problem;

import java.time.Duration;

import com.cloudalbum.common.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The user-service's problems: one stable {@code type} and title each; details are client-safe. */
public final class UserProblems {

    private UserProblems() {
    }

    public static ErrorResponseException weakPassword(String field, String detail) {
        ErrorResponseException e = problem(HttpStatus.BAD_REQUEST, "weak-password", "Weak password", detail);
        e.getBody().setProperty("field", field);
        return e;
    }

    public static ErrorResponseException emailTaken() {
        return problem(HttpStatus.CONFLICT, "email-taken", "Email taken", "An account with this email exists already.");
    }

    /** The same answer for an unknown email and a wrong password. */
    public static ErrorResponseException wrongCredentials() {
        ErrorResponseException e = problem(HttpStatus.UNAUTHORIZED, "wrong-credentials", "Wrong credentials",
                "The email or the password is wrong.");
        e.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return e;
    }

    public static ErrorResponseException invalidRefreshToken() {
        ErrorResponseException e = problem(HttpStatus.UNAUTHORIZED, "invalid-refresh-token", "Invalid refresh token",
                "The refresh token is invalid, expired or revoked; sign in again.");
        e.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return e;
    }

    public static ErrorResponseException wrongCurrentPassword() {
        return problem(HttpStatus.FORBIDDEN, "wrong-current-password", "Wrong current password",
                "The current password is wrong.");
    }

    public static ErrorResponseException unconfirmed() {
        return problem(HttpStatus.FORBIDDEN, "unconfirmed", "Account not confirmed",
                "Confirm the account with the code sent by email first.");
    }

    public static ErrorResponseException invalidCode() {
        return problem(HttpStatus.BAD_REQUEST, "invalid-code", "Invalid code", "The confirmation code is wrong or expired.");
    }

    public static ErrorResponseException profileNotFound() {
        return problem(HttpStatus.NOT_FOUND, "profile-not-found", "Profile not found", "This account has no profile.");
    }

    public static ErrorResponseException throttled(Duration retryAfter, Throwable cause) {
        ErrorResponseException e = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "throttled", "Too many requests",
                "The identity provider is busy; try again shortly.", cause);
        e.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
        return e;
    }

    public static ErrorResponseException identityUnavailable(Throwable cause) {
        ErrorResponseException e = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "identity-unavailable",
                "Identity provider unavailable", "The identity provider did not answer; try again shortly.", cause);
        e.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return e;
    }

    /**
     * Neither the refresh token's revocation nor the global sign-out was confirmed: the session may
     * still be alive, so the client must not believe it signed out.
     */
    public static ErrorResponseException signOutNotConfirmed(Throwable cause) {
        ErrorResponseException e = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "sign-out-not-confirmed",
                "Sign-out not confirmed", "The identity provider did not confirm the sign-out; try again shortly.", cause);
        e.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return e;
    }

    /** The identity provider in use (an emulator) lacks this operation. */
    public static ErrorResponseException notSupported(String what) {
        return problem(HttpStatus.NOT_IMPLEMENTED, "not-supported", "Not supported",
                what + " is not supported by this identity provider.");
    }

    private static ErrorResponseException problem(HttpStatus status, String type, String title, String detail) {
        return Problems.of(status, type, title, detail);
    }
}
