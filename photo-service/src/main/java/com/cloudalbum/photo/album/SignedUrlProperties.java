package com.cloudalbum.photo.album;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How presigned URLs stay the same long enough for browsers to cache what they point at.
 *
 * @param window    URLs are signed as of the start of the current window, so one photo has one URL per window
 * @param cacheSize signatures of the current window kept, so a page reuses them instead of signing again
 */
@Validated
@ConfigurationProperties("album.photo.signed-urls")
public record SignedUrlProperties(
        @NotNull @DefaultValue("1h") Duration window,
        @Min(1) @DefaultValue("100000") long cacheSize) {
}
