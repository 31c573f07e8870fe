package com.cloudalbum.photo.config;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The photo bucket and table, upload limit, presigned-URL lifetime, and the key that signs album
 * cursors (set it from a secret in AWS; every instance must share it).
 */
@Validated
@ConfigurationProperties("album.photo")
public record PhotoProperties(
        @NotBlank String bucket,
        @NotBlank @DefaultValue("Photo") String table,
        @NotBlank @DefaultValue("photo-geo-index") String geoIndex,
        @NotNull @DefaultValue("50MB") DataSize maxUploadSize,
        @NotNull @DefaultValue("15m") Duration presignedUrlExpiry,
        @NotBlank @Size(min = 32) String cursorSecret) {

    @Override
    public String toString() {
        return "PhotoProperties[bucket=" + bucket + ", table=" + table + ", geoIndex=" + geoIndex + ", maxUploadSize=" + maxUploadSize
                + ", presignedUrlExpiry=" + presignedUrlExpiry + ", cursorSecret=<redacted>]";
    }
}
