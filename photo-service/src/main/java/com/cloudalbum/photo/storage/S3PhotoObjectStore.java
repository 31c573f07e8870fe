package com.cloudalbum.photo.storage;

import java.nio.ByteBuffer;
import java.util.Map;

import com.cloudalbum.common.tracing.TraceHeaders;
import com.cloudalbum.photo.config.PhotoProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * S3 through the multipart-enabled async client: a body of unknown length goes up in 8 MiB parts
 * (one PUT when it is smaller), so memory per upload is bounded by the parts in flight.
 *
 * <p>An original carries the upload's X-Ray trace header in its user metadata ({@code x-amz-meta-trace}):
 * thumbnail-service continues the trace from it when S3's event reaches SQS without one.
 */
@Component
class S3PhotoObjectStore implements PhotoObjectStore {

    private final S3AsyncClient s3;
    private final String bucket;

    S3PhotoObjectStore(S3AsyncClient s3, PhotoProperties properties) {
        this.s3 = s3;
        this.bucket = properties.bucket();
    }

    @Override
    public Mono<StoredObject> put(String key, String contentType, Flux<ByteBuffer> bytes) {
        return Mono.fromFuture(() -> s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType)
                                .metadata(TraceHeaders.current().map(header -> Map.of(TraceHeaders.OBJECT_METADATA_KEY, header))
                                        .orElse(Map.of())),
                        AsyncRequestBody.fromPublisher(bytes)))
                .map(response -> new StoredObject(key, response.eTag()))
                .onErrorMap(SdkException.class, e -> new PhotoStorageException(key, e));
    }

    @Override
    public Flux<ByteBuffer> get(String key) {
        return Mono.fromFuture(() -> s3.getObject(r -> r.bucket(bucket).key(key), AsyncResponseTransformer.toPublisher()))
                .flatMapMany(Flux::from)
                .onErrorMap(NoSuchKeyException.class, e -> new PhotoObjectNotFoundException(key, e))
                .onErrorMap(e -> e instanceof SdkException, e -> new PhotoStorageException(key, e));
    }

    @Override
    public Mono<Integer> deleteAll(String prefix) {
        return Flux.from(s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)))
                .flatMapIterable(page -> page.contents())
                .concatMap(object -> delete(object.key()).thenReturn(1))
                .reduce(0, Integer::sum)
                .onErrorMap(SdkException.class, e -> new PhotoStorageException(prefix, e));
    }

    @Override
    public Mono<Void> delete(String key) {
        return Mono.fromFuture(() -> s3.deleteObject(r -> r.bucket(bucket).key(key)))
                .then()
                .onErrorMap(SdkException.class, e -> new PhotoStorageException(key, e));
    }
}
