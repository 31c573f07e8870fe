package com.cloudalbum.photo.storage;

import java.nio.ByteBuffer;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Photo bytes in object storage, streamed both ways. */
public interface PhotoObjectStore {

    /** Stores a stream of unknown length; nothing is buffered beyond one part in flight. */
    Mono<StoredObject> put(String key, String contentType, Flux<ByteBuffer> bytes);

    /** The object's bytes; fails with {@link PhotoObjectNotFoundException} when there is none. */
    Flux<ByteBuffer> get(String key);

    Mono<Void> delete(String key);

    /** Deletes every object under the prefix (a photo's original and renditions); returns how many. */
    Mono<Integer> deleteAll(String prefix);
}
