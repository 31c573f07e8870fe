package com.cloudalbum.user.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

/** The bodies of the public /api/auth endpoints. Passwords and tokens are never printed by toString. */
final class AuthRequests {

    private AuthRequests() {
    }

    record SignUp(
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 256) String password,
            @NotBlank @Size(max = 100) String name) {
        @Override
        public String toString() {
            return "SignUp[email=<redacted>]";
        }
    }

    record SignIn(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 256) String password) {
        @Override
        public String toString() {
            return "SignIn[<redacted>]";
        }
    }

    record Confirm(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 64) String code) {
        @Override
        public String toString() {
            return "Confirm[<redacted>]";
        }
    }

    record ResendCode(@NotBlank @Email @Size(max = 254) String email) {
    }

    record SignOut(@Size(max = 8192) @Nullable String refreshToken) {
        @Override
        public String toString() {
            return "SignOut[<redacted>]";
        }
    }

    record Refresh(@NotBlank @Size(max = 8192) String refreshToken) {
        @Override
        public String toString() {
            return "Refresh[<redacted>]";
        }
    }
}
