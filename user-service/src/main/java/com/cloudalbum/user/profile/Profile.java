package com.cloudalbum.user.profile;

import java.time.Instant;

/** A user's profile; {@code id} is the Cognito {@code sub} and never changes, {@code email} is lower case. */
public record Profile(String id, String email, String name, Instant createdAt, Instant updatedAt) {
}
