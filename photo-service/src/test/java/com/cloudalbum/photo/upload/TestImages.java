package com.cloudalbum.photo.upload;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import javax.imageio.ImageIO;

import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryType;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.taginfos.TagInfoAscii;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.jspecify.annotations.Nullable;

/**
 * Real images made in memory for tests (no binary fixtures in the repo): JPEGs with chosen EXIF, PNGs.
 * Needs only the JDK's ImageIO and, for EXIF, commons-imaging.
 */
public final class TestImages {

    // EXIF 2.31 OffsetTimeOriginal (0x9011), which commons-imaging has no constant for
    private static final TagInfoAscii OFFSET_TIME_ORIGINAL =
            new TagInfoAscii("OffsetTimeOriginal", 0x9011, 7, TiffDirectoryType.EXIF_DIRECTORY_EXIF_IFD);
    private static final DateTimeFormatter EXIF_DATE_TIME = DateTimeFormatter.ofPattern("uuuu:MM:dd HH:mm:ss");

    private TestImages() {
    }

    /** What to write into a JPEG's EXIF; null fields are left out, {@link #none()} writes no EXIF at all. */
    public record ExifSpec(
            @Nullable LocalDateTime dateTimeOriginal,
            @Nullable String offsetTimeOriginal,
            @Nullable String make,
            @Nullable String model,
            @Nullable Integer orientation,
            @Nullable Double latitude,
            @Nullable Double longitude) {

        public static ExifSpec none() {
            return new ExifSpec(null, null, null, null, null, null, null);
        }

        boolean isEmpty() {
            return equals(none());
        }
    }

    /** A baseline JPEG of the given size (written by ImageIO), with {@code exif} in an APP1 segment. */
    public static byte[] jpeg(int width, int height, ExifSpec exif) {
        return withExif(encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpg"), exif, null);
    }

    /** Random pixels, which compress badly: a file whose image data is large for its size. */
    public static byte[] noisyJpeg(int width, int height, ExifSpec exif) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(11);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return withExif(encode(image, "jpg"), exif, null);
    }

    /** A JPEG whose EXIF records {@code exifWidth} × {@code exifHeight}, as after a resize that kept the EXIF. */
    public static byte[] jpegWithStaleExifSize(int width, int height, int exifWidth, int exifHeight) {
        return withExif(encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpg"),
                new ExifSpec(null, null, "Canon", null, null, null, null), new int[] {exifWidth, exifHeight});
    }

    private static byte[] withExif(byte[] plain, ExifSpec exif, int @Nullable [] exifSize) {
        if (exif.isEmpty()) {
            return plain;
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length + 1024);
            TiffOutputSet set = tiff(exif);
            if (exifSize != null) {
                TiffOutputDirectory sub = set.getOrCreateExifDirectory();
                sub.add(ExifTagConstants.EXIF_TAG_EXIF_IMAGE_WIDTH, (short) exifSize[0]);
                sub.add(ExifTagConstants.EXIF_TAG_EXIF_IMAGE_LENGTH, (short) exifSize[1]);
            }
            new ExifRewriter().updateExifMetadataLossless(plain, out, set);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG of the given size, without metadata. */
    public static byte[] png(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_ARGB), "png");
    }

    private static TiffOutputSet tiff(ExifSpec exif) throws ImagingException {
        TiffOutputSet set = new TiffOutputSet();
        TiffOutputDirectory root = set.getOrCreateRootDirectory();
        if (exif.make() != null) {
            root.add(TiffTagConstants.TIFF_TAG_MAKE, exif.make());
        }
        if (exif.model() != null) {
            root.add(TiffTagConstants.TIFF_TAG_MODEL, exif.model());
        }
        if (exif.orientation() != null) {
            root.add(TiffTagConstants.TIFF_TAG_ORIENTATION, exif.orientation().shortValue());
        }
        if (exif.dateTimeOriginal() != null || exif.offsetTimeOriginal() != null) {
            TiffOutputDirectory sub = set.getOrCreateExifDirectory();
            if (exif.dateTimeOriginal() != null) {
                sub.add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, EXIF_DATE_TIME.format(exif.dateTimeOriginal()));
            }
            if (exif.offsetTimeOriginal() != null) {
                sub.add(OFFSET_TIME_ORIGINAL, exif.offsetTimeOriginal());
            }
        }
        if (exif.latitude() != null && exif.longitude() != null) {
            set.setGpsInDegrees(exif.longitude(), exif.latitude()); // longitude first in commons-imaging
        }
        return set;
    }

    // a gradient, not a flat colour, so the encoders produce a realistic amount of image data
    private static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
            g.fillRect(0, 0, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
