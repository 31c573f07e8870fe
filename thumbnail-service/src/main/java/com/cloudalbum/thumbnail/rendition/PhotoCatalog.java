package com.cloudalbum.thumbnail.rendition;

import java.util.List;
import java.util.Set;

import com.cloudalbum.contract.photo.FailureReason;
import com.cloudalbum.contract.photo.PhotoKey;
import com.cloudalbum.contract.photo.PhotoStatus;
import reactor.core.publisher.Mono;

/** The Photo item's processing state; photo-service owns everything else on the item. */
public interface PhotoCatalog {

    /** The photo's status, read consistently; empty when there is no item. */
    Mono<PhotoStatus> status(PhotoKey photo);

    /**
     * PROCESSING or FAILED becomes READY with the renditions. Conditional, so a photo being deleted, or deleted,
     * is never brought back.
     */
    Mono<ReadyOutcome> markReady(PhotoKey photo, List<StoredRendition> renditions);

    /**
     * The photo becomes FAILED with the reason if its status is one of {@code from}; any other state is left alone.
     *
     * @return whether this call set it
     */
    Mono<Boolean> markFailed(PhotoKey photo, FailureReason reason, Set<PhotoStatus> from);

    enum ReadyOutcome {
        /** This call made the photo READY. */
        MARKED,
        /** Another delivery of the same event got there first; its renditions are the same objects. */
        ALREADY_READY,
        /** The photo is being deleted or is gone; the renditions just written must go too. */
        GONE
    }
}
