package com.cloudalbum.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

class RequiredConfigurationTest {

    private final RequiredConfiguration check = new RequiredConfiguration();

    @Test
    void postProcessEnvironment_keysUnsetOrBlank_failsNamingAllOfThem() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(RequiredConfiguration.KEYS, "album.user.user-pool-id, album.security.issuer,album.user.client-id")
                .withProperty("album.security.issuer", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc")
                .withProperty("album.user.client-id", " ")
                .withProperty("spring.application.name", "user-service");

        assertThatThrownBy(() -> check.postProcessEnvironment(environment, null))
                .isInstanceOfSatisfying(MissingConfigurationException.class, e -> {
                    assertThat(e.application()).isEqualTo("user-service");
                    assertThat(e.keys()).containsExactly("album.user.user-pool-id", "album.user.client-id");
                });
    }

    @Test
    void postProcessEnvironment_allKeysSet_passes() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(RequiredConfiguration.KEYS, "album.photo.bucket")
                .withProperty("album.photo.bucket", "cloudalbum-photos");

        check.postProcessEnvironment(environment, null);
    }

    @Test
    void postProcessEnvironment_nothingRequired_passes() {
        check.postProcessEnvironment(new MockEnvironment(), null);
    }

    @Test
    void analyze_missingKeys_namesEachKeyWithItsVariableAndTheLocalProfile() {
        FailureAnalysis analysis = new MissingConfigurationFailureAnalyzer()
                .analyze(new MissingConfigurationException("photo-service", List.of("album.photo.cursor-secret", "album.photo.bucket")));

        assertThat(analysis.getDescription())
                .contains("photo-service", "album.photo.cursor-secret (ALBUM_PHOTO_CURSOR_SECRET)", "album.photo.bucket (ALBUM_PHOTO_BUCKET)");
        assertThat(analysis.getAction()).contains("spring.profiles.active=local");
    }
}
