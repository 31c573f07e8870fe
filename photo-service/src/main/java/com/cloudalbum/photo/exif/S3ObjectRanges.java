package com.cloudalbum.photo.exif;

import com.cloudalbum.common.tracing.TraceScope;
import com.cloudalbum.photo.config.PhotoProperties;
import com.cloudalbum.photo.storage.PhotoStorageException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** An HTTP range GET: S3 sends just those bytes, so memory is bounded by the caller's {@code length}. */
@Component
class S3ObjectRanges implements ObjectRanges {

    private final S3AsyncClient s3;
    private final String bucket;

    S3ObjectRanges(S3AsyncClient s3, PhotoProperties properties) {
        this.s3 = s3;
        this.bucket = properties.bucket();
    }

    @Override
    public Mono<byte[]> read(String key, long offset, int length) {
        if (offset < 0 || length < 1) {
            return Mono.error(new IllegalArgumentException("bad range: " + offset + "+" + length));
        }
        String range = "bytes=" + offset + "-" + (offset + length - 1);
        return TraceScope.future(() -> s3.getObject(r -> r.bucket(bucket).key(key).range(range),
                        AsyncResponseTransformer.toBytes()))
                .map(ResponseBytes::asByteArray)
                .onErrorResume(NoSuchKeyException.class, e -> Mono.empty())
                .onErrorMap(e -> e instanceof SdkException, e -> new PhotoStorageException(key, e));
    }
}
