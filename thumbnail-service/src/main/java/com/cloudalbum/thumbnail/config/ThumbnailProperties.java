package com.cloudalbum.thumbnail.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The queue that carries the photo bucket's S3 events, the bucket, the Photo table, and how hard to work.
 *
 * @param receiveWait SQS long-poll wait (at most 20 s); a stopping service waits for the poll in flight
 * @param workers messages processed at once, each with at most one decoded image in memory; 0 means one per core
 * @param visibilityTimeout how long a received message stays hidden; renewed every third of it while work runs
 * @param retryDelay visibility after the first failed try; doubles per receive up to {@code maxRetryDelay}
 * @param maxReceives tries before a message counts as dead-lettered, when the queue's redrive policy does not say
 * @param maxPixels declared width × height above which an original is refused before decoding
 * @param listen false starts the service without consuming the queue (tests of other parts, maintenance)
 */
@Validated
@ConfigurationProperties("album.thumbnail")
public record ThumbnailProperties(
        @NotBlank String queueName,
        @NotBlank String bucket,
        @NotBlank @DefaultValue("Photo") String table,
        @NotNull @DefaultValue("10s") Duration receiveWait,
        @Min(0) @Max(10) @DefaultValue("0") int workers,
        @NotNull @DefaultValue("60s") Duration visibilityTimeout,
        @NotNull @DefaultValue("10s") Duration retryDelay,
        @NotNull @DefaultValue("15m") Duration maxRetryDelay,
        @Min(1) @DefaultValue("5") int maxReceives,
        @Min(1) @DefaultValue("100000000") long maxPixels,
        @DefaultValue("true") boolean listen) {

    /** Workers to run: the configured number, or one per core (SQS returns at most 10 messages per poll). */
    public int effectiveWorkers() {
        return workers > 0 ? workers : Math.min(10, Runtime.getRuntime().availableProcessors());
    }
}
