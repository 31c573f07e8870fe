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

import com.cloudalbum.photo.exif.ExifLocation;
import com.drew.imaging.FileType;
import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.ByteArrayReader;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.gif.GifHeaderDirectory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.webp.WebpDirectory;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@link PhotoMetadata} from the start of an image file. Width and height come from the image itself (JPEG's
 * SOF, PNG's IHDR, GIF's and WebP's headers, HEIF's primary item's {@code ispe}), never from EXIF's recorded size,
 * which editors leave stale when they resize.
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
            if (type.get() == ImageType.HEIC || type.get() == ImageType.HEIF || type.get() == ImageType.AVIF) {
                return heif(prefix, n);
            }
            byte[] file = switch (type.get()) {
                case JPEG -> TruncatedFiles.closeJpeg(prefix, n);
                case PNG -> TruncatedFiles.closePng(prefix, n);
                default -> Arrays.copyOf(prefix, n);
            };
            Metadata metadata = ImageMetadataReader.readMetadata(
                    new ByteArrayInputStream(file), file.length, fileType(type.get()));
            return from(metadata, formatDimensions(metadata));
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
            case HEIC, HEIF, AVIF -> FileType.Heif;
        };
    }

    /**
     * Where a HEIF/AVIF file's EXIF lies when it is past the {@code length} bytes given: read that range after the
     * upload ({@link com.cloudalbum.photo.exif.ExifRangeCompletion}). Empty for other formats, for files without
     * EXIF and when it lies within the prefix ({@link #read} has it then).
     */
    public Optional<ExifLocation> exifPastPrefix(byte[] prefix, int length) {
        int n = Math.max(0, Math.min(length, prefix.length));
        Optional<ImageType> type = ImageType.detect(prefix, n);
        if (type.isEmpty() || !(type.get() == ImageType.HEIC || type.get() == ImageType.HEIF
                || type.get() == ImageType.AVIF)) {
            return Optional.empty();
        }
        ExifLocation exif = HeifBoxes.parse(prefix, n).exif();
        return exif == null || exif.within(n) ? Optional.empty() : Optional.of(exif);
    }

    /**
     * The capture fields of a HEIF {@code Exif} item's bytes (its 4-byte TIFF header offset, then the EXIF); no
     * width or height, which the image's {@code ispe} gives. Never throws: unreadable means empty.
     */
    public PhotoMetadata readExifItem(byte[] item) {
        try {
            return from(exifItem(item, 0, item.length), null);
        } catch (RuntimeException e) {
            return PhotoMetadata.empty();
        }
    }

    private PhotoMetadata heif(byte[] prefix, int n) {
        HeifBoxes.Layout layout = HeifBoxes.parse(prefix, n);
        ExifLocation exif = layout.exif();
        Metadata metadata = exif != null && exif.within(n)
                ? exifItem(prefix, (int) exif.offset(), (int) exif.length()) : new Metadata();
        int[] size = layout.width() == null || layout.height() == null || layout.width() < 1 || layout.height() < 1
                ? null : new int[] {layout.width(), layout.height()};
        return from(metadata, size);
    }

    /** EXIF item: a big-endian offset to the TIFF header ("Exif\0\0" may sit between), then the TIFF. */
    private static Metadata exifItem(byte[] bytes, int at, int length) {
        Metadata metadata = new Metadata();
        if (length < 4) {
            return metadata;
        }
        long tiffOffset = (bytes[at] & 0xFFL) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
                | (bytes[at + 3] & 0xFF);
        if (tiffOffset > length - 4) {
            return metadata;
        }
        byte[] item = Arrays.copyOfRange(bytes, at, at + length);
        new ExifReader().extract(new ByteArrayReader(item), metadata, 4 + (int) tiffOffset);
        return metadata;
    }

    private static PhotoMetadata from(Metadata metadata, int @Nullable [] size) {
        List<ExifSubIFDDirectory> exif = List.copyOf(metadata.getDirectoriesOfType(ExifSubIFDDirectory.class));
        List<ExifIFD0Directory> ifd0 = List.copyOf(metadata.getDirectoriesOfType(ExifIFD0Directory.class));

        LocalDateTime local = parseDateTime(firstString(exif, ExifDirectoryBase.TAG_DATETIME_ORIGINAL));
        ZoneOffset offset = local == null ? null : parseOffset(firstString(exif, ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL));
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

    /** The size the image's own header declares; EXIF's PixelXDimension is stale after a resize and not read. */
    private static int @Nullable [] formatDimensions(Metadata metadata) {
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
