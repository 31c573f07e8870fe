package com.cloudalbum.gateway.config;

import java.net.URI;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the services are. The routes in {@code application.yml} read these keys; binding them here
 * makes a missing or malformed URI fail at start-up instead of at the first request.
 */
@Validated
@ConfigurationProperties("album.gateway")
public record GatewayProperties(@NotNull URI userServiceUri, @NotNull URI photoServiceUri) {
}
