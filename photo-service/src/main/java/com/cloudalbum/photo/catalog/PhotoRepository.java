package com.cloudalbum.photo.catalog;

import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** Photo items by owner and id. */
public interface PhotoRepository {

    /** Stores a new item; never overwrites one with the same key. */
    Mono<PhotoRecord> create(PhotoRecord photo);

    Mono<PhotoRecord> find(String userId, String id);

    /** Marks the photo DELETING (so it is gone for readers) and returns it; empty when there is none. */
    Mono<PhotoRecord> markDeleting(String userId, String id);

    Mono<Void> delete(String userId, String id);

    /** The owner's photos newest first, {@code limit} at most, after the photo {@code afterId} if given. */
    Mono<Page> page(String userId, int limit, @Nullable String afterId);

    /** One page; {@code lastId} is where the next page starts, null when there is none. */
    record Page(List<PhotoRecord> items, @Nullable String lastId) {
    }
}
