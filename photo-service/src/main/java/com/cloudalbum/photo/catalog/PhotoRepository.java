package com.cloudalbum.photo.catalog;

import java.time.Instant;
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

    /**
     * Replaces tags, description and place if the item still has {@code expectedUpdatedAt} (no lost
     * updates); empty when another change came first or the photo is gone.
     */
    Mono<PhotoRecord> replaceDetails(PhotoRecord changed, Instant expectedUpdatedAt);

    /**
     * Up to {@code limit} of the owner's photos whose search text contains {@code needle}, newest
     * first, looking at no more than {@code budget} items: the cost of a page is bounded even when
     * few photos match. {@code lastId} continues the search.
     */
    Mono<Page> search(String userId, String needle, int limit, int budget, @Nullable String afterId);

    /** The owner's geotagged photos, newest first, at most {@code limit}. */
    Mono<List<GeoPhoto>> geotagged(String userId, int limit);

    /** A map marker's worth of a photo. */
    record GeoPhoto(String id, double lat, double lng, @Nullable Instant takenAt, @Nullable String takenAtLocal,
                    @Nullable String description, String fileName, @Nullable String thumbnailKey) {
    }

    /** The owner's photos newest first, {@code limit} at most, after the photo {@code afterId} if given. */
    Mono<Page> page(String userId, int limit, @Nullable String afterId);

    /**
     * The owner's photos by date taken, newest first (a photo without one counts from its upload), after the
     * index position {@code afterSort} (a page's {@code lastId}) if given.
     */
    Mono<Page> pageByTaken(String userId, int limit, @Nullable String afterSort);

    /** One page; {@code lastId} is where the next page starts, null when there is none. */
    record Page(List<PhotoRecord> items, @Nullable String lastId) {
    }
}
