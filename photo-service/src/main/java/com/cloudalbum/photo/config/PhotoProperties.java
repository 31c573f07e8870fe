package com.cloudalbum.photo.config;

import java.time.Duration;

import jakarta.validation.constraints.Min;
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
 *
 * @param maxConcurrentUploads uploads whose bodies are read at once; 0 derives it from the heap: half of it divided
 *                             by the S3 upload buffer each upload may fill
 * @param uploadQueueTimeout how long an upload waits for its turn before a 503 with Retry-After
 */
@Validated
@ConfigurationProperties("album.photo")
public record PhotoProperties(
        @NotBlank String bucket,
        @NotBlank @DefaultValue("Photo") String table,
        @NotBlank @DefaultValue("photo-geo-index") String geoIndex,
        @NotNull @DefaultValue("50MB") DataSize maxUploadSize,
        @NotNull @DefaultValue("15m") Duration presignedUrlExpiry,
        @NotBlank @Size(min = 32) String cursorSecret,
        @Min(0) @DefaultValue("0") int maxConcurrentUploads,
        @NotNull @DefaultValue("120s") Duration uploadQueueTimeout) {

    @Override
    public String toString() {
        return "PhotoProperties[bucket=" + bucket + ", table=" + table + ", geoIndex=" + geoIndex + ", maxUploadSize=" + maxUploadSize
                + ", presignedUrlExpiry=" + presignedUrlExpiry + ", cursorSecret=<redacted>, maxConcurrentUploads="
                + maxConcurrentUploads + ", uploadQueueTimeout=" + uploadQueueTimeout + "]";
    }
}
