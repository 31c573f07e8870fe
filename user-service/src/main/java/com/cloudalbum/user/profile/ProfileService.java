package com.cloudalbum.user.profile;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import com.cloudalbum.user.account.IdentityProvider;
import com.cloudalbum.user.problem.UserProblems;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Profile changes that Cognito must mirror (its {@code name} attribute). */
@Service
class ProfileService {

    private final ProfileRepository profiles;
    private final IdentityProvider identities;
    private final Clock clock;

    ProfileService(ProfileRepository profiles, IdentityProvider identities, Clock clock) {
        this.profiles = profiles;
        this.identities = identities;
        this.clock = clock;
    }

    Mono<Profile> rename(String userId, String username, String name) {
        return profiles.rename(userId, name, clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .switchIfEmpty(Mono.error(UserProblems::profileNotFound))
                .flatMap(profile -> identities.updateName(username, name).thenReturn(profile));
    }
}
