package com.cloudalbum.user.profile;

import java.time.Instant;

import reactor.core.publisher.Mono;

/** Profiles by id, and the claims that keep emails unique. */
public interface ProfileRepository {

    /** Stores a new profile; fails with {@link ProfileExistsException} if the id is taken. */
    Mono<Profile> create(Profile profile);

    Mono<Profile> find(String id);

    /** Sets the name of an existing profile; completes empty when there is none. */
    Mono<Profile> rename(String id, String name, Instant at);

    /** Takes the email for one account, atomically; fails with the email-taken problem if it is taken. */
    Mono<Void> claimEmail(String email);

    Mono<Void> releaseEmail(String email);
}
