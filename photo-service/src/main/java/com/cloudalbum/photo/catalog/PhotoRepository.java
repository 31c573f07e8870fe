package com.cloudalbum.photo.catalog;

import reactor.core.publisher.Mono;

/** Photo items by owner and id. */
public interface PhotoRepository {

    Mono<PhotoRecord> save(PhotoRecord photo);

    Mono<PhotoRecord> find(String userId, String id);
}
