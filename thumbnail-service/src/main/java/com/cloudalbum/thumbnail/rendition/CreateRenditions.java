package com.cloudalbum.thumbnail.rendition;

import java.time.Instant;

import com.cloudalbum.contract.photo.PhotoKey;

/** Make the renditions of one original; {@code uploadedAt} is the S3 event time, the start of the lag. */
public record CreateRenditions(PhotoKey original, Instant uploadedAt) {
}
