package com.cloudalbum.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudalbum.common.test.Unconfigured;
import org.junit.jupiter.api.Test;

/** Without the local profile and without AWS configuration the service names what it lacks instead of using test values. */
class UserServiceApplicationConfigurationTest {

    @Test
    void start_withoutLocalProfileOrConfiguration_failsNamingTheMissingKeys() {
        assertThat(Unconfigured.start(UserServiceApplication.class).keys())
                .containsExactly("album.security.issuer", "album.security.client-ids", "album.user.user-pool-id", "album.user.client-id");
    }
}
