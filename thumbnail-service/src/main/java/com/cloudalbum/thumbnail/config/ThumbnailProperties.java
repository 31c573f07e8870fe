package com.cloudalbum.thumbnail.config;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The queue that carries the photo bucket's S3 events, the bucket and the Photo table. */
@Validated
@ConfigurationProperties("album.thumbnail")
public record ThumbnailProperties(
        @NotBlank String queueName,
        @NotBlank String bucket,
        @NotBlank @DefaultValue("Photo") String table,
        @NotNull @DefaultValue("20s") Duration receiveWait) {
}
