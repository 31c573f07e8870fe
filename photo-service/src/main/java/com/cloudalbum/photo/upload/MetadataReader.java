package com.cloudalbum.photo.upload;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.drew.imaging.FileType;
import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.gif.GifHeaderDirectory;
import com.drew.metadata.heif.HeifDirectory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.webp.WebpDirectory;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@link PhotoMetadata} from the start of an image file.
 *
 * <p>Only a bounded prefix is parsed (the caller passes the first 256 KiB or so of the upload): the
 * upload itself is streamed to storage and never held whole in memory, and what we read sits near
 * the start anyway (JPEG's APP1 segment is at most 64 KiB and comes before the image data). So the
 * input is usually truncated, and may be anything a client sent: this never throws, and returns what
 * could be read, or {@link PhotoMetadata#empty()}. Only the {@link ImageType}s are parsed; a JPEG or
 * PNG is first cut back to its last whole segment (see {@link TruncatedFiles}).
 *
 * <p>Parsing is synchronous CPU work; callers on an event loop run it on a bounded scheduler.
 */
public final class MetadataReader {

    private static final DateTimeFormatter EXIF_DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu:MM:dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx");
    private static final int MAX_TEXT_LENGTH = 100;

    public PhotoMetadata read(byte[] prefix, int length) {
        int n = Math.max(0, Math.min(length, prefix.length));
        Optional<ImageType> type = ImageType.detect(prefix, n);
        if (type.isEmpty()) {
            // not a format uploads may have: no reason to let a parser near it
            return PhotoMetadata.empty();
        }
        try {
            byte[] file = switch (type.get()) {
                case JPEG -> TruncatedFiles.closeJpeg(prefix, n);
                case PNG -> TruncatedFiles.closePng(prefix, n);
                default -> Arrays.copyOf(prefix, n);
            };
            Metadata metadata = ImageMetadataReader.readMetadata(
                    new ByteArrayInputStream(file), file.length, fileType(type.get()));
            return from(metadata);
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            // cut off before anything useful, or broken: a photo without metadata
            return PhotoMetadata.empty();
        }
    }

    private static FileType fileType(ImageType type) {
        return switch (type) {
            case JPEG -> FileType.Jpeg;
            case PNG -> FileType.Png;
            case GIF -> FileType.Gif;
            case WEBP -> FileType.WebP;
            case HEIC, HEIF -> FileType.Heif;
        };
    }

    private static PhotoMetadata from(Metadata metadata) {
        List<ExifSubIFDDirectory> exif = List.copyOf(metadata.getDirectoriesOfType(ExifSubIFDDirectory.class));
        List<ExifIFD0Directory> ifd0 = List.copyOf(metadata.getDirectoriesOfType(ExifIFD0Directory.class));

        LocalDateTime local = parseDateTime(firstString(exif, ExifDirectoryBase.TAG_DATETIME_ORIGINAL));
        ZoneOffset offset = local == null ? null : parseOffset(firstString(exif, ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL));
        int[] size = dimensions(metadata, exif);
        GeoLocation location = location(metadata);
        return new PhotoMetadata(
                local == null || offset == null ? null : local.toInstant(offset),
                offset == null ? null : OFFSET.format(offset),
                local,
                text(firstString(ifd0, ExifDirectoryBase.TAG_MAKE)),
                text(firstString(ifd0, ExifDirectoryBase.TAG_MODEL)),
                size == null ? null : size[0],
                size == null ? null : size[1],
                orientation(ifd0),
                location == null ? null : location.getLatitude(),
                location == null ? null : location.getLongitude());
    }

    private static @Nullable String firstString(List<? extends Directory> directories, int tag) {
        for (Directory directory : directories) {
            String value = directory.getString(tag);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static @Nullable LocalDateTime parseDateTime(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            // some writers pad with NULs or spaces; "0000:00:00 00:00:00" (unknown) fails the parse
            return LocalDateTime.parse(value.replace('\0', ' ').trim(), EXIF_DATE_TIME);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static @Nullable ZoneOffset parseOffset(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            // EXIF 2.31 writes "+HH:MM"; blanks ("   :  ") mean unknown and fail here
            return ZoneOffset.of(value.replace('\0', ' ').trim());
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int @Nullable [] dimensions(Metadata metadata, List<ExifSubIFDDirectory> exif) {
        for (ExifSubIFDDirectory directory : exif) {
            int[] size = positivePair(directory, ExifDirectoryBase.TAG_EXIF_IMAGE_WIDTH, ExifDirectoryBase.TAG_EXIF_IMAGE_HEIGHT);
            if (size != null) {
                return size;
            }
        }
        for (Directory directory : metadata.getDirectories()) {
            int[] size = formatDimensions(directory);
            if (size != null) {
                return size;
            }
        }
        return null;
    }

    private static int @Nullable [] formatDimensions(Directory directory) {
        if (directory instanceof JpegDirectory) {
            return positivePair(directory, JpegDirectory.TAG_IMAGE_WIDTH, JpegDirectory.TAG_IMAGE_HEIGHT);
        }
        if (directory instanceof PngDirectory) {
            return positivePair(directory, PngDirectory.TAG_IMAGE_WIDTH, PngDirectory.TAG_IMAGE_HEIGHT);
        }
        if (directory instanceof GifHeaderDirectory) {
            return positivePair(directory, GifHeaderDirectory.TAG_IMAGE_WIDTH, GifHeaderDirectory.TAG_IMAGE_HEIGHT);
        }
        if (directory instanceof WebpDirectory) {
            return positivePair(directory, WebpDirectory.TAG_IMAGE_WIDTH, WebpDirectory.TAG_IMAGE_HEIGHT);
        }
        if (directory instanceof HeifDirectory) {
            return positivePair(directory, HeifDirectory.TAG_IMAGE_WIDTH, HeifDirectory.TAG_IMAGE_HEIGHT);
        }
        return null;
    }

    private static int @Nullable [] positivePair(Directory directory, int widthTag, int heightTag) {
        Integer width = directory.getInteger(widthTag);
        Integer height = directory.getInteger(heightTag);
        return width != null && height != null && width > 0 && height > 0 ? new int[] {width, height} : null;
    }

    private static @Nullable Integer orientation(List<ExifIFD0Directory> ifd0) {
        for (ExifIFD0Directory directory : ifd0) {
            Integer value = directory.getInteger(ExifDirectoryBase.TAG_ORIENTATION);
            if (value != null && value >= 1 && value <= 8) {
                return value;
            }
        }
        return null;
    }

    private static @Nullable GeoLocation location(Metadata metadata) {
        for (GpsDirectory directory : metadata.getDirectoriesOfType(GpsDirectory.class)) {
            GeoLocation location = directory.getGeoLocation();
            if (location != null && isPlausible(location.getLatitude(), location.getLongitude())) {
                return location;
            }
        }
        return null;
    }

    // (0, 0) is what devices write when they had no fix, not a photo taken in the Gulf of Guinea
    private static boolean isPlausible(double latitude, double longitude) {
        return !Double.isNaN(latitude) && !Double.isNaN(longitude)
                && latitude >= -90 && latitude <= 90
                && longitude >= -180 && longitude <= 180
                && !(latitude == 0 && longitude == 0);
    }

    // camera-written text goes into the catalog and the UI: trimmed and bounded
    private static @Nullable String text(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.replace('\0', ' ').strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        return trimmed.length() > MAX_TEXT_LENGTH ? trimmed.substring(0, MAX_TEXT_LENGTH) : trimmed;
    }
}
