package com.cloudalbum.photo.album;

import java.time.Instant;
import java.util.List;

import com.cloudalbum.photo.catalog.PhotoRecord;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A photo as clients see it; URLs are short-lived presigned GETs, never stored. {@code urls.thumbnail} and
 * {@code urls.preview} appear once the status is READY; FAILED carries {@code failureReason}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PhotoView(
        String id,
        String status,
        String contentType,
        long size,
        String fileName,
        List<String> tags,
        @Nullable String description,
        @Nullable Location location,
        @Nullable Instant takenAt,
        @Nullable String takenAtOffset,
        @Nullable String takenAtLocal,
        @Nullable Camera camera,
        @Nullable Integer width,
        @Nullable Integer height,
        @Nullable Integer orientation,
        Instant createdAt,
        @Nullable String failureReason,
        Urls urls) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Location(@Nullable Double lat, @Nullable Double lng, @Nullable String address, @Nullable String city,
                           @Nullable String country, String source) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Camera(@Nullable String make, @Nullable String model) {
    }

    /** {@code thumbnailWebp}/{@code previewWebp}: the same renditions as WebP, where thumbnail-service wrote them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Urls(String original, @Nullable String thumbnail, @Nullable String preview,
                       @Nullable String thumbnailWebp, @Nullable String previewWebp) {

        public Urls(String original, @Nullable String thumbnail, @Nullable String preview) {
            this(original, thumbnail, preview, null, null);
        }
    }

    public static PhotoView of(PhotoRecord photo, Urls urls) {
        PhotoRecord.Place place = photo.place();
        PhotoRecord.Capture capture = photo.capture();
        return new PhotoView(photo.id(), photo.status(), photo.contentType(), photo.size(), photo.fileName(), photo.tags(),
                photo.description(),
                place == null ? null : new Location(place.lat(), place.lng(), place.address(), place.city(), place.country(), place.source()),
                capture.takenAt(), capture.takenAtOffset(), capture.takenAtLocal(),
                capture.make() == null && capture.model() == null ? null : new Camera(capture.make(), capture.model()),
                capture.width(), capture.height(), capture.orientation(), photo.createdAt(), photo.failureReason(), urls);
    }
}
