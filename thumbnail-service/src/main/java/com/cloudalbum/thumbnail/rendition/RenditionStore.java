package com.cloudalbum.thumbnail.rendition;

import java.io.InputStream;
import java.util.List;

import com.cloudalbum.contract.photo.PhotoKey;
import reactor.core.publisher.Mono;

/** The photo bucket as this service uses it. */
public interface RenditionStore {

    /**
     * The original's bytes as they arrive: emitted once the response starts, read on the caller's (bounded,
     * blocking-capable) thread. Empty when the object does not exist.
     */
    Mono<InputStream> openOriginal(PhotoKey original);

    /** The trace header photo-service stored with the original; empty when there is none or S3 cannot say. */
    Mono<String> uploadTraceHeader(PhotoKey original);

    Mono<Void> put(String key, byte[] jpeg);

    Mono<Void> delete(List<String> keys);
}
