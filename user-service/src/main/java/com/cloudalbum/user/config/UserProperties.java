package com.cloudalbum.user.config;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The User table, its email index, and the Cognito user pool and app client this service uses.
 * {@code autoConfirm} confirms new accounts at once (local stack only); in AWS Cognito's emailed
 * code applies.
 */
@Validated
@ConfigurationProperties("album.user")
public record UserProperties(
        @NotBlank @DefaultValue("User") String table,
        @NotBlank @DefaultValue("user-email-index") String emailIndex,
        @NotBlank String userPoolId,
        @NotBlank String clientId,
        @DefaultValue("false") boolean autoConfirm) {
}
