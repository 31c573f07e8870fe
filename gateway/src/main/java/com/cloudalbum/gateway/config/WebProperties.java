package com.cloudalbum.gateway.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The web app's session and content-security settings.
 *
 * @param refreshCookieLifetime how long the browser keeps the refresh-token cookie; match the user pool
 *                              client's refresh-token validity (Cognito's default is 30 days)
 * @param imageOrigins          where presigned photo URLs point (the S3 endpoint), allowed as image sources
 * @param tileOrigins           where the map's tiles come from
 * @param userServiceTimeout    how long a session call may wait for user-service
 */
@Validated
@ConfigurationProperties("album.web")
public record WebProperties(
        @NotNull @DefaultValue("30d") Duration refreshCookieLifetime,
        @DefaultValue({}) List<String> imageOrigins,
        @DefaultValue("https://tile.openstreetmap.org") List<String> tileOrigins,
        @NotNull @DefaultValue("10s") Duration userServiceTimeout) {
}
