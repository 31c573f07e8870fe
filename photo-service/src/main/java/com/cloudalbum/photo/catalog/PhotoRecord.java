package com.cloudalbum.photo.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.cloudalbum.contract.photo.PhotoKey;
import com.cloudalbum.contract.photo.PhotoStatus;
import org.jspecify.annotations.Nullable;

/**
 * A Photo item: hash key {@code user_id}, range key {@code id} (a ULID, so newest first is a
 * reverse query). {@code status} follows {@link PhotoStatus}: UPLOADING while the bytes arrive, PROCESSING once they
 * are stored, until thumbnail-service sets READY or FAILED.
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
        Instant updatedAt,
        @Nullable Rendition thumbnail,
        @Nullable Rendition preview,
        @Nullable String failureReason) {

    public static final String UPLOADING = PhotoStatus.UPLOADING.name();
    public static final String PROCESSING = PhotoStatus.PROCESSING.name();
    /** Renditions stored; set by thumbnail-service. */
    public static final String READY = PhotoStatus.READY.name();
    /** No renditions can be made ({@code failureReason} says why); set by thumbnail-service or the sweeper. */
    public static final String FAILED = PhotoStatus.FAILED.name();
    /** Being deleted: invisible to readers; a repeated DELETE or the sweeper finishes the job. */
    public static final String DELETING = PhotoStatus.DELETING.name();

    /** Shown to its owner: stored, not being uploaded or deleted. */
    public boolean visible() {
        return PhotoStatus.valueOf(status).visible();
    }

    public PhotoKey key() {
        return new PhotoKey(userId, id);
    }

    /**
     * What search matches: tags, description and place names, lower-cased, one per line. Stored with
     * the item so a search filters in DynamoDB instead of shipping items here.
     */
    public String searchText() {
        StringBuilder text = new StringBuilder();
        tags.forEach(tag -> text.append(tag).append('\n'));
        if (description != null) {
            text.append(description).append('\n');
        }
        if (place != null) {
            for (String name : new String[] {place.address(), place.city(), place.country()}) {
                if (name != null) {
                    text.append(name).append('\n');
                }
            }
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    public PhotoRecord withDetails(List<String> newTags, @Nullable String newDescription, @Nullable Place newPlace, Instant at) {
        return new PhotoRecord(userId, id, status, originalKey, size, contentType, fileName, newTags, newDescription,
                newPlace, capture, createdAt, at, thumbnail, preview, failureReason);
    }

    /** The same photo in another status. */
    public PhotoRecord withStatus(String newStatus) {
        return new PhotoRecord(userId, id, newStatus, originalKey, size, contentType, fileName, tags, description,
                place, capture, createdAt, updatedAt, thumbnail, preview, failureReason);
    }

    /** The same photo with what its EXIF says, read after the upload ({@code exif} package). */
    public PhotoRecord withCapture(Capture newCapture, @Nullable Place newPlace, Instant at) {
        return new PhotoRecord(userId, id, status, originalKey, size, contentType, fileName, tags, description,
                newPlace, newCapture, createdAt, at, thumbnail, preview, failureReason);
    }

    /** A new upload whose bytes are stored: PROCESSING, no renditions yet. */
    public static PhotoRecord uploaded(String userId, String id, String originalKey, long size, String contentType,
            String fileName, List<String> tags, @Nullable String description, @Nullable Place place, Capture capture,
            Instant at) {
        return new PhotoRecord(userId, id, PROCESSING, originalKey, size, contentType, fileName, tags, description,
                place, capture, at, at, null, null, null);
    }

    /**
     * A JPEG rendition written by thumbnail-service next to the original, and the WebP of the same pixels when the
     * service wrote one ({@code <name>_webp_key}).
     */
    public record Rendition(String key, int width, int height, @Nullable String webpKey) {

        public Rendition(String key, int width, int height) {
            this(key, width, height, null);
        }
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
