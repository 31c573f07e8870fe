package com.cloudalbum.user.profile;

import reactor.core.publisher.Mono;

/** Profiles by id and by email. */
public interface ProfileRepository {

    /** Stores a new profile; fails with {@link ProfileExistsException} if the id is taken. */
    Mono<Profile> create(Profile profile);

    Mono<Profile> find(String id);

    Mono<Profile> findByEmail(String email);
}
