package com.cloudalbum.photo.storage;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Photo bytes in object storage, streamed both ways. */
public interface PhotoObjectStore {

    /**
     * Streams {@code length} bytes into one object with a single PutObject: nothing is buffered here, the request
     * lasts as long as the bytes take (at most {@code maxDuration}). A body that ends early or errors aborts the
     * request, so S3 keeps no object.
     */
    Mono<StoredObject> put(String key, String contentType, long length, Flux<ByteBuffer> bytes, Duration maxDuration);

    /**
     * Stores a stream of unknown length through S3 multipart upload in parts of {@code partSize}, holding one part in
     * memory at a time (one PutObject when the whole stream fits in a part). Whatever ends the write early (error or
     * cancel), the multipart upload is aborted.
     */
    Mono<StoredObject> putInParts(String key, String contentType, Flux<ByteBuffer> bytes, int partSize);

    /**
     * Cuts an object back to its first {@code length} bytes, in storage (a copy of that range onto the same key), for
     * an object that was streamed with padding after its content. Aborted whatever ends it early.
     */
    Mono<StoredObject> truncate(String key, String contentType, long length);

    Mono<Boolean> exists(String key);

    Mono<Void> delete(String key);

    /** Deletes every object under the prefix (a photo's original and renditions); returns how many. */
    Mono<Integer> deleteAll(String prefix);

    /** One page of at most {@code limit} objects under {@code prefix}, in key order from after {@code startAfter}. */
    Flux<ListedObject> list(String prefix, String startAfter, int limit);

    /** An object's key and when it was last written. */
    record ListedObject(String key, Instant lastModified) {
    }

    /** Aborts multipart uploads under {@code prefix} started before {@code before}; returns how many. */
    Mono<Integer> abortUploadsStartedBefore(String prefix, Instant before);
}
