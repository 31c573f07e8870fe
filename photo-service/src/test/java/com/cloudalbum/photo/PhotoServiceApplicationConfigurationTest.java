package com.cloudalbum.photo;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudalbum.common.test.Unconfigured;
import org.junit.jupiter.api.Test;

/** Without the local profile and without AWS configuration the service names what it lacks instead of using test values. */
class PhotoServiceApplicationConfigurationTest {

    @Test
    void start_withoutLocalProfileOrConfiguration_failsNamingTheMissingKeys() {
        assertThat(Unconfigured.start(PhotoServiceApplication.class).keys())
                .containsExactly("album.security.issuer", "album.security.client-ids", "album.photo.bucket", "album.photo.cursor-secret");
    }
}
