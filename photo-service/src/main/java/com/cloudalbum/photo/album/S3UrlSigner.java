package com.cloudalbum.photo.album;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.cloudalbum.common.aws.AwsProperties;
import com.cloudalbum.photo.config.PhotoProperties;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * SigV4 query-string signing with a signing time the caller chooses (the SDK's {@code S3Presigner} always
 * signs "now", so its URLs are never the same twice). Path-style URLs when an endpoint is configured (the
 * emulator), virtual-hosted ones on AWS, as the presigner builds them. Local computation only.
 */
@Component
class S3UrlSigner implements UrlSigner {

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final AwsCredentialsProvider credentials;
    private final String region;
    private final String bucketBase;

    S3UrlSigner(AwsCredentialsProvider credentials, AwsProperties aws, PhotoProperties photo) {
        this.credentials = credentials;
        this.region = aws.region();
        URI endpoint = aws.endpoints().s3();
        this.bucketBase = endpoint != null && !endpoint.toString().isBlank()
                ? endpoint.toString().replaceAll("/$", "") + "/" + photo.bucket() + "/"
                : "https://" + photo.bucket() + ".s3." + region + ".amazonaws.com/";
    }

    @Override
    public String sign(String key, Instant signedAt, Duration validFor) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create(bucketBase + SdkHttpUtils.urlEncodeIgnoreSlashes(key)))
                .build();
        return SIGNER.sign(r -> r
                        // the provider caches its credentials, as it does for the SDK's own presigner
                        .identity(credentials.resolveCredentials())
                        .request(request)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, validFor)
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request().getUri().toString();
    }

    @Override
    public String signerId() {
        return credentials.resolveCredentials().accessKeyId();
    }
}
