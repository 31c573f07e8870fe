package com.cloudalbum.gateway.config;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the services are. The routes in {@code application.yml} read these keys; binding them here
 * makes a missing or malformed URI fail at start-up instead of at the first request.
 *
 * @param maxConcurrentRequests API requests (uploads aside) this instance works on at once; more get a 503 problem
 *                              with {@code Retry-After} at once instead of waiting in a queue without bound
 * @param retryAfter            what that 503 tells the client to wait
 * @param maxConcurrentUploads  uploads ({@code POST /api/photos}) this instance proxies at once; 0 derives it from
 *                              Netty's direct memory (see {@code LoadSheddingWebFilter}); more get the same 503
 */
@Validated
@ConfigurationProperties("album.gateway")
public record GatewayProperties(
        @NotNull URI userServiceUri,
        @NotNull URI photoServiceUri,
        @Min(1) @DefaultValue("256") int maxConcurrentRequests,
        @NotNull @DefaultValue("1s") Duration retryAfter,
        @Min(0) @DefaultValue("0") int maxConcurrentUploads) {
}
