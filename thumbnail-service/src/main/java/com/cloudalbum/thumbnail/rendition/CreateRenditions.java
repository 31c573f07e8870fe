package com.cloudalbum.thumbnail.rendition;

import java.time.Instant;

import com.cloudalbum.contract.photo.PhotoKey;

/**
 * Make the renditions of one original; {@code uploadedAt} is the S3 event time, the start of the lag, and
 * {@code size} the object's length from the event (-1 when unknown), which sizes the renderer's buffer.
 */
public record CreateRenditions(PhotoKey original, Instant uploadedAt, long size) {

    public CreateRenditions(PhotoKey original, Instant uploadedAt) {
        this(original, uploadedAt, -1);
    }
}
