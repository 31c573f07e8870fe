package com.cloudalbum.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudalbum.common.test.Unconfigured;
import org.junit.jupiter.api.Test;

/** Without the local profile and without AWS configuration the service names what it lacks instead of using test values. */
class GatewayApplicationConfigurationTest {

    @Test
    void start_withoutLocalProfileOrConfiguration_failsNamingTheMissingKeys() {
        assertThat(Unconfigured.start(GatewayApplication.class).keys())
                .containsExactly("album.security.issuer", "album.security.client-ids", "album.security.cors-origins", "album.web.image-origins", "album.gateway.user-service-uri", "album.gateway.photo-service-uri");
    }
}
