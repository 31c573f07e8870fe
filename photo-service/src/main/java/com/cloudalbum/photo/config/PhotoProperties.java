package com.cloudalbum.photo.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The photo bucket and table, upload limits, presigned-URL lifetime, the key that signs album cursors (set it from a
 * secret in AWS; every instance must share it) and the sweeper.
 *
 * @param partSize             multipart uploads (unknown length) go to S3 in parts of this size, one part in memory per
 *                             upload; S3's minimum is 5 MiB
 * @param maxConcurrentUploads multipart uploads read at once; 0 derives it from the heap: half of it divided by one
 *                             part plus the metadata prefix
 * @param uploadQueueTimeout   how long an upload waits for its turn before a 503 with Retry-After
 * @param uploadIdleTimeout    an upload body that sends nothing for this long ends with a 408
 * @param uploadMaxDuration    the longest an upload may take (the gateway's upload route allows 300 s); an UPLOADING
 *                             item older than this plus a margin is the sweeper's
 */
@Validated
@ConfigurationProperties("album.photo")
public record PhotoProperties(
        @NotBlank String bucket,
        @NotBlank @DefaultValue("Photo") String table,
        @NotBlank @DefaultValue("photo-geo-index") String geoIndex,
        @NotBlank @DefaultValue("photo-pending-index") String pendingIndex,
        @NotNull @DefaultValue("50MB") DataSize maxUploadSize,
        @NotNull @DefaultValue("5MB") DataSize partSize,
        @NotNull @DefaultValue("15m") Duration presignedUrlExpiry,
        @NotBlank @Size(min = 32) String cursorSecret,
        @Min(0) @DefaultValue("0") int maxConcurrentUploads,
        @NotNull @DefaultValue("120s") Duration uploadQueueTimeout,
        @NotNull @DefaultValue("20s") Duration uploadIdleTimeout,
        @NotNull @DefaultValue("300s") Duration uploadMaxDuration,
        @Valid @DefaultValue Sweeper sweeper) {

    /**
     * Finishes what a crash or a lost race left: UPLOADING items past {@code uploadMaxDuration} + {@code margin},
     * PROCESSING items with no renditions after {@code processingDeadline} (event re-driven {@code maxRedrives} times,
     * then FAILED), DELETING items past their deadline, objects under {@code photos/} with no item and incomplete
     * multipart uploads older than {@code orphanGrace}.
     *
     * @param thumbnailQueue the queue S3 sends events to, for re-driving an event; empty disables re-driving
     */
    public record Sweeper(
            @DefaultValue("true") boolean enabled,
            @NotNull @DefaultValue("60s") Duration interval,
            @Min(1) @DefaultValue("100") int batch,
            @NotNull @DefaultValue("60s") Duration margin,
            @NotNull @DefaultValue("10m") Duration processingDeadline,
            @Min(0) @DefaultValue("1") int maxRedrives,
            @NotNull @DefaultValue("1h") Duration orphanGrace,
            @Nullable String thumbnailQueue) {
    }

    @Override
    public String toString() {
        return "PhotoProperties[bucket=" + bucket + ", table=" + table + ", maxUploadSize=" + maxUploadSize + ", partSize="
                + partSize + ", presignedUrlExpiry=" + presignedUrlExpiry + ", cursorSecret=<redacted>, maxConcurrentUploads="
                + maxConcurrentUploads + ", uploadIdleTimeout=" + uploadIdleTimeout + ", sweeper=" + sweeper + "]";
    }
}
