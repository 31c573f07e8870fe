package com.cloudalbum.photo.catalog;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A Photo item: hash key {@code user_id}, range key {@code id} (a ULID, so newest first is a
 * reverse query). {@code status} is PROCESSING until thumbnail-service sets READY or FAILED.
 */
public record PhotoRecord(
        String userId,
        String id,
        String status,
        String originalKey,
        long size,
        String contentType,
        String fileName,
        List<String> tags,
        @Nullable String description,
        @Nullable Place place,
        Capture capture,
        Instant createdAt,
        Instant updatedAt) {

    public static final String PROCESSING = "PROCESSING";
    /** Being deleted: invisible to readers; a repeated DELETE finishes the job. */
    public static final String DELETING = "DELETING";

    public boolean visible() {
        return !DELETING.equals(status);
    }

    /** Where the photo was taken; {@code source} is EXIF (from the file) or CLIENT (hints sent with it). */
    public record Place(@Nullable Double lat, @Nullable Double lng, @Nullable String address, @Nullable String city,
                        @Nullable String country, String source) {
    }

    /** What the camera recorded; every field may be missing. */
    public record Capture(@Nullable Instant takenAt, @Nullable String takenAtOffset, @Nullable String takenAtLocal,
                          @Nullable String make, @Nullable String model, @Nullable Integer width,
                          @Nullable Integer height, @Nullable Integer orientation) {

        public static Capture unknown() {
            return new Capture(null, null, null, null, null, null, null, null);
        }
    }
}
