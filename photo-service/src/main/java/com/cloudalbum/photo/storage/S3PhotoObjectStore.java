package com.cloudalbum.photo.storage;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.cloudalbum.common.tracing.TraceHeaders;
import com.cloudalbum.common.tracing.TraceScope;
import com.cloudalbum.photo.config.PhotoProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 through the plain async client, every request of known length. An original carries the upload's X-Ray trace
 * header in its user metadata ({@code x-amz-meta-trace}): thumbnail-service continues the trace from it when S3's
 * event reaches SQS without one.
 */
@Component
class S3PhotoObjectStore implements PhotoObjectStore {

    private static final Logger log = LoggerFactory.getLogger(S3PhotoObjectStore.class);

    private final S3AsyncClient s3;
    private final String bucket;

    S3PhotoObjectStore(S3AsyncClient s3, PhotoProperties properties) {
        this.s3 = s3;
        this.bucket = properties.bucket();
    }

    @Override
    public Mono<StoredObject> put(String key, String contentType, long length, Flux<ByteBuffer> bytes, Duration maxDuration) {
        // the body cannot be replayed, so the one attempt may last as long as the client takes to send it
        return TraceScope.future(() -> s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType).contentLength(length)
                                .metadata(traceMetadata())
                                .overrideConfiguration(o -> o.apiCallTimeout(maxDuration).apiCallAttemptTimeout(maxDuration)),
                        AsyncRequestBody.fromPublisher(bytes)))
                .map(response -> new StoredObject(key, response.eTag()))
                .onErrorMap(SdkException.class, e -> new PhotoStorageException(key, e));
    }

    @Override
    public Mono<StoredObject> putInParts(String key, String contentType, Flux<ByteBuffer> bytes, int partSize) {
        // made at subscription with the request's trace set: the parts' object carries its header too
        return Mono.usingWhen(TraceScope.defer(() -> Mono.just(new PartWriter(key, contentType, partSize))),
                writer -> bytes.concatMap(writer::accept, 1).then(Mono.defer(writer::finish)),
                writer -> Mono.empty(),
                (writer, error) -> writer.abort(),
                PartWriter::abort)
                .onErrorMap(SdkException.class, e -> new PhotoStorageException(key, e));
    }

    @Override
    public Mono<StoredObject> truncate(String key, String contentType, long length) {
        return Mono.usingWhen(
                // the metadata is read inside the call, where TraceScope has set the request's trace
                TraceScope.future(() -> s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType(contentType)
                        .metadata(traceMetadata()))).map(CreateMultipartUploadResponse::uploadId),
                uploadId -> TraceScope.future(() -> s3.uploadPartCopy(r -> r.sourceBucket(bucket).sourceKey(key)
                                .destinationBucket(bucket).destinationKey(key).uploadId(uploadId).partNumber(1)
                                .copySourceRange("bytes=0-" + (length - 1))))
                        .flatMap(copied -> TraceScope.future(() -> s3.completeMultipartUpload(r -> r.bucket(bucket).key(key)
                                .uploadId(uploadId).multipartUpload(u -> u.parts(CompletedPart.builder().partNumber(1)
                                        .eTag(copied.copyPartResult().eTag()).build())))))
                        .map(response -> new StoredObject(key, response.eTag())),
                uploadId -> Mono.empty(),
                (uploadId, error) -> abort(key, uploadId),
                uploadId -> abort(key, uploadId))
                .onErrorMap(SdkException.class, e -> new PhotoStorageException(key, e));
    }

    private Mono<Void> abort(String key, String uploadId) {
        return TraceScope.future(() -> s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)))
                .then(TraceScope.run(() -> log.debug("multipart upload aborted [key={}]", key)))
                // the sweeper aborts what is left (and in AWS the bucket's lifecycle rule does too)
                .onErrorResume(e -> TraceScope.run(() -> log.warn("could not abort a multipart upload; the sweeper will [key={}]", key, e)));
    }

    @Override
    public Mono<Boolean> exists(String key) {
        return TraceScope.future(() -> s3.headObject(r -> r.bucket(bucket).key(key)))
                .thenReturn(true)
                .onErrorResume(e -> e instanceof NoSuchKeyException || e instanceof S3Exception s3e && s3e.statusCode() == 404,
                        e -> Mono.just(false))
                .onErrorMap(SdkException.class, e -> new PhotoStorageException(key, e));
    }

    @Override
    public Mono<Integer> deleteAll(String prefix) {
        // paged by hand, not with the SDK's paginator: each page's call is made through TraceScope, in the request's trace
        return TraceScope.future(() -> s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix)))
                .expand(page -> Boolean.TRUE.equals(page.isTruncated())
                        ? TraceScope.future(() -> s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix)
                                .continuationToken(page.nextContinuationToken())))
                        : Mono.empty())
                .flatMapIterable(page -> page.contents())
                .concatMap(object -> delete(object.key()).thenReturn(1))
                .reduce(0, Integer::sum)
                .onErrorMap(SdkException.class, e -> new PhotoStorageException(prefix, e));
    }

    @Override
    public Mono<Void> delete(String key) {
        return TraceScope.future(() -> s3.deleteObject(r -> r.bucket(bucket).key(key)))
                .then()
                .onErrorMap(SdkException.class, e -> new PhotoStorageException(key, e));
    }

    @Override
    public Flux<ListedObject> list(String prefix, String startAfter, int limit) {
        return TraceScope.future(() -> s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix).startAfter(startAfter).maxKeys(limit)))
                .flatMapIterable(page -> page.contents())
                .map(object -> new ListedObject(object.key(), object.lastModified() == null ? Instant.EPOCH : object.lastModified()))
                .onErrorMap(SdkException.class, e -> new PhotoStorageException(prefix, e));
    }

    @Override
    public Mono<Integer> abortUploadsStartedBefore(String prefix, Instant before) {
        return TraceScope.future(() -> s3.listMultipartUploads(r -> r.bucket(bucket).prefix(prefix)))
                .flatMapIterable(page -> page.uploads())
                .filter(upload -> upload.initiated() == null || upload.initiated().isBefore(before))
                .concatMap(upload -> TraceScope.future(() -> s3.abortMultipartUpload(r -> r.bucket(bucket).key(upload.key())
                                .uploadId(upload.uploadId())))
                        .thenReturn(1))
                .reduce(0, Integer::sum)
                .onErrorMap(SdkException.class, e -> new PhotoStorageException(prefix, e));
    }

    private static Map<String, String> traceMetadata() {
        return TraceHeaders.current().map(header -> Map.of(TraceHeaders.OBJECT_METADATA_KEY, header)).orElse(Map.of());
    }

    /**
     * One write in parts: a single reusable part buffer, filled from the stream and sent when full, so memory is one
     * part whatever the object's size. Called by one pipeline in order ({@code concatMap} with prefetch 1), never
     * concurrently; the buffer is refilled only after its part is acknowledged.
     */
    private final class PartWriter {

        private final String key;
        private final String contentType;
        private final byte[] buffer;
        private final List<CompletedPart> parts = new ArrayList<>();
        private final Map<String, String> metadata = traceMetadata();
        private int filled;
        private @Nullable String uploadId;

        PartWriter(String key, String contentType, int partSize) {
            this.key = key;
            this.contentType = contentType;
            this.buffer = new byte[partSize];
        }

        Mono<Void> accept(ByteBuffer chunk) {
            int n = Math.min(chunk.remaining(), buffer.length - filled);
            chunk.get(buffer, filled, n);
            filled += n;
            if (filled < buffer.length) {
                return Mono.empty();
            }
            return sendPart().then(Mono.defer(() -> chunk.hasRemaining() ? accept(chunk) : Mono.empty()));
        }

        Mono<StoredObject> finish() {
            if (uploadId == null) {
                // the whole object fits in one part: one plain PUT, no multipart upload to complete or abort
                return TraceScope.future(() -> s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType)
                                .contentLength((long) filled).metadata(metadata),
                        AsyncRequestBody.fromByteBufferUnsafe(ByteBuffer.wrap(buffer, 0, filled))))
                        .map(response -> new StoredObject(key, response.eTag()));
            }
            Mono<Void> last = filled > 0 ? sendPart() : Mono.empty();
            return last.then(Mono.defer(() -> TraceScope.future(() -> s3.completeMultipartUpload(r -> r.bucket(bucket).key(key)
                            .uploadId(uploadId).multipartUpload(u -> u.parts(parts))))))
                    .map(response -> {
                        uploadId = null; // completed: nothing to abort any more
                        return new StoredObject(key, response.eTag());
                    });
        }

        private Mono<Void> sendPart() {
            Mono<String> id = uploadId != null ? Mono.just(uploadId)
                    : TraceScope.future(() -> s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType(contentType)
                                    .metadata(metadata)))
                            .map(response -> {
                                uploadId = response.uploadId();
                                return uploadId;
                            });
            int number = parts.size() + 1;
            int length = filled;
            return id.flatMap(upload -> TraceScope.future(() -> s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(upload)
                                    .partNumber(number).contentLength((long) length),
                            AsyncRequestBody.fromByteBufferUnsafe(ByteBuffer.wrap(buffer, 0, length)))))
                    .doOnNext(response -> {
                        parts.add(CompletedPart.builder().partNumber(number).eTag(response.eTag()).build());
                        filled = 0;
                    })
                    .then();
        }

        Mono<Void> abort() {
            String upload = uploadId;
            if (upload == null) {
                return Mono.empty();
            }
            uploadId = null;
            return S3PhotoObjectStore.this.abort(key, upload);
        }
    }
}
