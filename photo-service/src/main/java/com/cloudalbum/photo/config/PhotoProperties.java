package com.cloudalbum.photo.config;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** The photo bucket and table, upload limit and presigned-URL lifetime. */
@Validated
@ConfigurationProperties("album.photo")
public record PhotoProperties(
        @NotBlank String bucket,
        @NotBlank @DefaultValue("Photo") String table,
        @NotNull @DefaultValue("50MB") DataSize maxUploadSize,
        @NotNull @DefaultValue("15m") Duration presignedUrlExpiry) {
}
