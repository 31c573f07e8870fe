package com.cloudalbum.system;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import javax.imageio.ImageIO;

import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryType;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.taginfos.TagInfoAscii;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/**
 * Real JPEGs made in memory, with the EXIF a camera writes: date and its UTC offset, make and
 * model, and GPS when given (a trimmed copy of photo-service's test images: no binary fixtures).
 */
final class TestPhotos {

    // EXIF 2.31 OffsetTimeOriginal (0x9011), which commons-imaging has no constant for
    private static final TagInfoAscii OFFSET_TIME_ORIGINAL =
            new TagInfoAscii("OffsetTimeOriginal", 0x9011, 7, TiffDirectoryType.EXIF_DIRECTORY_EXIF_IFD);
    private static final DateTimeFormatter EXIF_DATE_TIME = DateTimeFormatter.ofPattern("uuuu:MM:dd HH:mm:ss");

    private TestPhotos() {
    }

    /** A plain landscape JPEG without metadata. */
    static byte[] jpeg(int width, int height) {
        return encode(picture(width, height, new Color(120, 170, 230), new Color(60, 120, 40)));
    }

    /** A landscape-shaped JPEG: a sky-to-ground gradient with a sun, in the given colours. */
    static byte[] jpeg(int width, int height, Color sky, Color ground, LocalDateTime taken, String offset,
                       String make, String model, Double latitude, Double longitude) {
        byte[] plain = encode(picture(width, height, sky, ground));
        try {
            TiffOutputSet set = new TiffOutputSet();
            TiffOutputDirectory root = set.getOrCreateRootDirectory();
            root.add(TiffTagConstants.TIFF_TAG_MAKE, make);
            root.add(TiffTagConstants.TIFF_TAG_MODEL, model);
            TiffOutputDirectory exif = set.getOrCreateExifDirectory();
            exif.add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, EXIF_DATE_TIME.format(taken));
            exif.add(OFFSET_TIME_ORIGINAL, offset);
            if (latitude != null && longitude != null) {
                set.setGpsInDegrees(longitude, latitude); // longitude first in commons-imaging
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length + 1024);
            new ExifRewriter().updateExifMetadataLossless(plain, out, set);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage picture(int width, int height, Color sky, Color ground) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, sky, 0, height * 0.6f, Color.WHITE));
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(255, 214, 90));
            g.fillOval(width * 2 / 3, height / 8, height / 4, height / 4);
            g.setPaint(new GradientPaint(0, height * 0.6f, ground, width, height, ground.darker()));
            g.fillRect(0, height * 3 / 5, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static byte[] encode(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
