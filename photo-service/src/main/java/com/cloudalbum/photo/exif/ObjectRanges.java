package com.cloudalbum.photo.exif;

import reactor.core.publisher.Mono;

/** A byte range of a stored object. */
public interface ObjectRanges {

    /**
     * {@code length} bytes from {@code offset} of the object at {@code key} (fewer when the object ends first);
     * empty when there is no such object.
     */
    Mono<byte[]> read(String key, long offset, int length);
}
