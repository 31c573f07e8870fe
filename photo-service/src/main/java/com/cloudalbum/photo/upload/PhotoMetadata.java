package com.cloudalbum.photo.upload;

import java.time.Instant;
import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

/**
 * What a photo's own metadata says about it; every field is null when the file does not say.
 *
 * <p>Cameras write the capture time as wall-clock time, often without a UTC offset. So
 * {@code takenAtLocal} is that time as written, and {@code takenAt} is set only when the file also
 * has an offset ({@code takenAtOffset}, e.g. {@code "+02:00"}): guessing a zone would put photos in
 * the wrong order.
 *
 * @param width       pixel width as stored, before {@code orientation} is applied
 * @param height      pixel height as stored, before {@code orientation} is applied
 * @param orientation EXIF orientation, 1 to 8
 */
public record PhotoMetadata(
        @Nullable Instant takenAt,
        @Nullable String takenAtOffset,
        @Nullable LocalDateTime takenAtLocal,
        @Nullable String make,
        @Nullable String model,
        @Nullable Integer width,
        @Nullable Integer height,
        @Nullable Integer orientation,
        @Nullable Double latitude,
        @Nullable Double longitude) {

    private static final PhotoMetadata EMPTY =
            new PhotoMetadata(null, null, null, null, null, null, null, null, null, null);

    public static PhotoMetadata empty() {
        return EMPTY;
    }

    public boolean hasLocation() {
        return latitude != null && longitude != null;
    }
}
