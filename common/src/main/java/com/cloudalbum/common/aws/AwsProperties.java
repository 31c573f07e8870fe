package com.cloudalbum.common.aws;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the services reach AWS. The services' {@code application.yml} defaults point at the local
 * stack; in AWS the endpoints and static credentials are set empty, so the SDK's regional
 * endpoints and the ECS task role apply.
 */
@Validated
@ConfigurationProperties("album.aws")
public record AwsProperties(
        @NotBlank @DefaultValue("us-east-1") String region,
        @Valid @DefaultValue Endpoints endpoints,
        @Valid @DefaultValue Credentials credentials,
        @Valid @DefaultValue Http http,
        @Valid @DefaultValue S3 s3) {

    /**
     * How S3 calls spend CPU per byte. Uploads stream into requests of known length (photo-service sets the length),
     * so the client needs no part buffer, and the SDK (2.54) sends streamed bodies as {@code UNSIGNED-PAYLOAD}
     * whatever the scheme (tested), so no byte is hashed into the signature. {@code checksums} adds a CRC per request
     * where S3 supports one (the SDK's default since 2.30) instead of only where S3 requires it; over HTTPS, TLS
     * already protects the bytes in transit.
     */
    public record S3(@DefaultValue("false") boolean checksums) {
    }

    /** Endpoint overrides; empty means the SDK's own endpoint for the region. */
    public record Endpoints(@Nullable URI dynamodb, @Nullable URI s3, @Nullable URI sqs, @Nullable URI cognito) {
    }

    /** Static keys for emulators only; when either is empty the default provider chain is used. */
    public record Credentials(@Nullable String accessKeyId, @Nullable String secretAccessKey) {

        boolean isStatic() {
            return accessKeyId != null && !accessKeyId.isBlank() && secretAccessKey != null && !secretAccessKey.isBlank();
        }

        @Override
        public String toString() {
            return "Credentials[static=" + isStatic() + "]";
        }
    }

    /**
     * Timeouts and limits shared by every client. {@code maxAttempts} 1 turns retries off (cognito-local
     * answers unimplemented operations with a 500 that the SDK would otherwise retry).
     */
    public record Http(
            @NotNull @DefaultValue("2s") Duration connectionTimeout,
            @NotNull @DefaultValue("5s") Duration connectionAcquisitionTimeout,
            @NotNull @DefaultValue("30s") Duration apiCallTimeout,
            @NotNull @DefaultValue("10s") Duration apiCallAttemptTimeout,
            @Min(1) @DefaultValue("200") int maxConcurrency,
            @Min(1) @DefaultValue("3") int maxAttempts) {
    }

    static boolean isSet(@Nullable URI endpoint) {
        return endpoint != null && !endpoint.toString().isBlank();
    }
}
