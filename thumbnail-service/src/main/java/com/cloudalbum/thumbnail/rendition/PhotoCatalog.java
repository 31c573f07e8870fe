package com.cloudalbum.thumbnail.rendition;

import java.util.List;

import reactor.core.publisher.Mono;

/** The Photo item's processing state; photo-service owns everything else on the item. */
public interface PhotoCatalog {

    String PROCESSING = "PROCESSING";
    String READY = "READY";
    String FAILED = "FAILED";
    String DELETING = "DELETING";

    /** The photo's status, read consistently; empty when there is no item. */
    Mono<String> status(OriginalKey photo);

    /**
     * PROCESSING or FAILED becomes READY with the renditions. Conditional, so a photo being deleted, or deleted,
     * is never brought back.
     */
    Mono<ReadyOutcome> markReady(OriginalKey photo, List<StoredRendition> renditions);

    /** PROCESSING or FAILED becomes FAILED with the reason; any other state is left alone. */
    Mono<Void> markFailed(OriginalKey photo, String reason);

    enum ReadyOutcome {
        /** This call made the photo READY. */
        MARKED,
        /** Another delivery of the same event got there first; its renditions are the same objects. */
        ALREADY_READY,
        /** The photo is being deleted or is gone; the renditions just written must go too. */
        GONE
    }
}
