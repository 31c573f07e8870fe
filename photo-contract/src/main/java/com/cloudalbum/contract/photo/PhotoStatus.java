package com.cloudalbum.contract.photo;

/**
 * Where a photo is in its life. {@code UPLOADING → PROCESSING → READY | FAILED}, and {@code DELETING} from
 * any of them. The item is written {@code UPLOADING} before a byte is stored, so an S3 event always finds one;
 * only items past {@code UPLOADING} are shown to their owner.
 */
public enum PhotoStatus {

    /** The item exists, the bytes are on their way; a sweeper removes it (and any object) past its deadline. */
    UPLOADING,
    /** The original is stored; thumbnail-service makes the renditions. */
    PROCESSING,
    /** Renditions stored. */
    READY,
    /** No renditions can be made; {@code failure_reason} says why. */
    FAILED,
    /** Being deleted: invisible to readers; a repeated DELETE (or the sweeper) finishes the job. */
    DELETING;

    /** Whether the owner sees the photo in the album, search and map. */
    public boolean visible() {
        return this == PROCESSING || this == READY || this == FAILED;
    }

    /** Whether thumbnail-service may (re)write renditions and set READY or FAILED. */
    public boolean renderable() {
        return this == PROCESSING || this == FAILED;
    }
}
