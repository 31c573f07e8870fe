package com.cloudalbum.photo.catalog;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Photo items by owner and id. */
public interface PhotoRepository {

    /** Stores a new item; never overwrites one with the same key. */
    Mono<PhotoRecord> create(PhotoRecord photo);

    /**
     * Writes a new item {@code UPLOADING} before any byte is stored, with a deadline after which the sweeper removes
     * it (and any object) if the upload never finished; never overwrites an item.
     */
    Mono<PhotoRecord> createUploading(PhotoRecord photo, Instant deadline);

    /**
     * Replaces the {@code UPLOADING} item with the stored photo ({@code PROCESSING}) and gives thumbnail-service until
     * {@code deadline}; fails with {@link UploadNoLongerPendingException} when the item is no longer UPLOADING (the
     * sweeper or a cleanup claimed it).
     */
    Mono<PhotoRecord> completeUpload(PhotoRecord photo, Instant deadline);

    /**
     * Moves the item from {@code expectedStatus} to DELETING (with a deadline for the sweeper) if it is still in that
     * status: whoever wins this write owns the cleanup. True when this call claimed it.
     */
    Mono<Boolean> claimForCleanup(String userId, String id, String expectedStatus, Instant deadline);

    /** Items that may need the sweeper (UPLOADING, PROCESSING, DELETING) whose deadline is before {@code now}. */
    Flux<Pending> pastDeadline(Instant now, int limit);

    /** An unfinished item as the sweeper sees it. */
    record Pending(String userId, String id, String status, Instant deadline, int redrives, @Nullable String originalKey) {
    }

    /** PROCESSING again after its event was re-driven, with a new deadline; false when it is no longer PROCESSING. */
    Mono<Boolean> markRedriven(Pending photo, Instant deadline);

    /** PROCESSING → FAILED with a reason; false when it was no longer PROCESSING. */
    Mono<Boolean> markFailed(Pending photo, String reason, Instant at);

    /** Drops the sweeper's marker from an item that finished (READY or FAILED) without clearing it. */
    Mono<Void> clearPending(Pending photo);

    Mono<Boolean> exists(String userId, String id);

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
     * Replaces the capture fields (time, camera, orientation; width and height stay) and the place if the item
     * still has {@code expectedUpdatedAt}; empty when another change came first or the photo is gone.
     */
    Mono<PhotoRecord> replaceCapture(PhotoRecord changed, Instant expectedUpdatedAt);

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
