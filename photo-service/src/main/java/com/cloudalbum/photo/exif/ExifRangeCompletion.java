package com.cloudalbum.photo.exif;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.cloudalbum.common.tracing.TraceScope;
import com.cloudalbum.photo.catalog.PhotoRecord;
import com.cloudalbum.photo.catalog.PhotoRepository;
import com.cloudalbum.photo.upload.MetadataReader;
import com.cloudalbum.photo.upload.PhotoMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Completes a photo whose EXIF lies past the prefix the upload read in memory (a HEIF's EXIF item near the end of
 * the file, which {@link MetadataReader#exifPastPrefix} finds from the {@code iloc} box): reads just that range
 * from storage, at most {@value #MAX_EXIF_BYTES} bytes, and sets the capture fields and, when it has GPS, the place
 * (as the upload does for EXIF it can see). The item is changed only if nobody edited it since ({@code updated_at});
 * a failure here costs the photo its EXIF, not its upload, so errors end in a log line.
 *
 * <p>Called by the upload path once the original is stored and the item written.
 */
@Component
public class ExifRangeCompletion {

    private static final Logger log = LoggerFactory.getLogger(ExifRangeCompletion.class);

    /** EXIF fits in 64 KiB in a JPEG; a HEIF item is not bound by that, but a megabyte of it is no photo's. */
    public static final int MAX_EXIF_BYTES = 1024 * 1024;

    private final ObjectRanges ranges;
    private final PhotoRepository photos;
    private final MetadataReader reader;
    private final Clock clock;

    ExifRangeCompletion(ObjectRanges ranges, PhotoRepository photos, MetadataReader reader, Clock clock) {
        this.ranges = ranges;
        this.photos = photos;
        this.reader = reader;
        this.clock = clock;
    }

    /**
     * Reads the EXIF at {@code where} in the object {@code key} and completes the photo's record.
     *
     * @return completes when done, also when there was nothing to do (EXIF too large, unreadable, or the photo
     *         edited or gone meanwhile); never errors
     */
    public Mono<Void> complete(String userId, String photoId, String key, ExifLocation where) {
        if (where.length() > MAX_EXIF_BYTES || where.length() < 1) {
            return TraceScope.run(() -> log.info("EXIF not read [userId={}, photoId={}, bytes={}]: over {} bytes", userId,
                    photoId, where.length(), MAX_EXIF_BYTES));
        }
        return ranges.read(key, where.offset(), (int) where.length())
                // at most 1 MiB of TIFF parsing: cheap enough for the calling thread
                .map(reader::readExifItem)
                .filter(exif -> !exif.equals(PhotoMetadata.empty()))
                .flatMap(exif -> photos.find(userId, photoId)
                        .filter(PhotoRecord::visible)
                        .flatMap(photo -> photos.replaceCapture(completed(photo, exif), photo.updatedAt())))
                .flatMap(photo -> TraceScope.run(() -> log.info("EXIF completed from the stored original [userId={}, photoId={}, gps={}]",
                        userId, photoId, photo.place() != null && "EXIF".equals(photo.place().source()))))
                .onErrorResume(e -> TraceScope.run(
                        () -> log.warn("EXIF completion failed [userId={}, photoId={}]: {}", userId, photoId, e.toString())));
    }

    /** What the upload would have recorded had it seen this EXIF: EXIF's GPS wins over the client's hints. */
    private PhotoRecord completed(PhotoRecord photo, PhotoMetadata exif) {
        PhotoRecord.Capture known = photo.capture();
        PhotoRecord.Capture capture = new PhotoRecord.Capture(exif.takenAt(), exif.takenAtOffset(),
                exif.takenAtLocal() == null ? null : exif.takenAtLocal().toString(), exif.make(), exif.model(),
                known.width(), known.height(), exif.orientation());
        PhotoRecord.Place place = exif.hasLocation()
                ? new PhotoRecord.Place(exif.latitude(), exif.longitude(), null, null, null, "EXIF")
                : photo.place();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return photo.withCapture(capture, place, now.isAfter(photo.updatedAt()) ? now : photo.updatedAt().plusMillis(1));
    }
}
