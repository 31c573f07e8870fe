package com.cloudalbum.user.profile;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.cloudalbum.common.test.LocalAws;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.test.StepVerifier;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DynamoProfileRepositoryIntegrationTest {

    @Autowired
    ProfileRepository profiles;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        LocalAws.registerEndpoints(registry);
    }

    @Test
    void create_thenFind_returnsTheStoredProfile() {
        Profile profile = newProfile();

        StepVerifier.create(profiles.create(profile).then(profiles.find(profile.id())))
                .expectNext(profile)
                .verifyComplete();
    }

    @Test
    void create_whenIdTaken_failsWithProfileExists() {
        Profile profile = newProfile();

        StepVerifier.create(profiles.create(profile).then(profiles.create(profile)))
                .verifyError(ProfileExistsException.class);
    }

    @Test
    void find_whenMissing_completesEmpty() {
        StepVerifier.create(profiles.find("no-such-" + UUID.randomUUID()))
                .verifyComplete();
    }

    private static Profile newProfile() {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new Profile(id, "u-" + id + "@example.com", "Ada", now, now);
    }
}
