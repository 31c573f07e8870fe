package com.cloudalbum.thumbnail.rendition;

import java.io.InputStream;
import java.util.List;

import com.cloudalbum.common.tracing.TraceHeaders;
import com.cloudalbum.contract.photo.PhotoKey;
import com.cloudalbum.thumbnail.config.ThumbnailProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

@Component
class S3RenditionStore implements RenditionStore {

    private static final Logger log = LoggerFactory.getLogger(S3RenditionStore.class);

    /** Renditions never change under a key (same photo, same bytes), so browsers and shared caches may keep them. */
    private static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    private final S3AsyncClient s3;
    private final String bucket;

    S3RenditionStore(S3AsyncClient s3, ThumbnailProperties properties) {
        this.s3 = s3;
        this.bucket = properties.bucket();
    }

    /**
     * The SDK's blocking input stream: the response body is buffered by the SDK up to a bounded size and reading
     * waits for more, so the whole original is never in memory.
     */
    @Override
    public Mono<InputStream> openOriginal(PhotoKey original) {
        return Mono.fromFuture(() -> s3.getObject(r -> r.bucket(bucket).key(original.original()),
                        AsyncResponseTransformer.toBlockingInputStream()))
                .<InputStream>map(stream -> stream)
                .onErrorResume(NoSuchKeyException.class, e -> Mono.empty());
    }

    /** A trace that cannot be continued is no reason to fail the work: the span then starts a new trace. */
    @Override
    public Mono<String> uploadTraceHeader(PhotoKey original) {
        return Mono.fromFuture(() -> s3.headObject(r -> r.bucket(bucket).key(original.original())))
                .mapNotNull(head -> head.metadata().get(TraceHeaders.OBJECT_METADATA_KEY))
                .onErrorResume(SdkException.class, e -> {
                    log.debug("no upload trace header for {}: {}", original.original(), e.toString());
                    return Mono.empty();
                });
    }

    @Override
    public Mono<Void> put(String key, byte[] bytes, String contentType) {
        return Mono.fromFuture(() -> s3.putObject(r -> r.bucket(bucket).key(key)
                                .contentType(contentType)
                                .cacheControl(CACHE_CONTROL)
                                .contentLength((long) bytes.length),
                        AsyncRequestBody.fromBytes(bytes))) // a rendition, encoded in memory: small and bounded
                .then();
    }

    @Override
    public Mono<Void> delete(List<String> keys) {
        return Flux.fromIterable(keys)
                .flatMap(key -> Mono.fromFuture(() -> s3.deleteObject(r -> r.bucket(bucket).key(key))))
                .then();
    }
}
