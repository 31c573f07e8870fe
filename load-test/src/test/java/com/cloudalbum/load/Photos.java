package com.cloudalbum.load;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/**
 * Camera-like JPEGs made at start: a gradient scene with sensor-like noise (so the file is as large as a phone's,
 * 3–5 MB at 12 megapixels), EXIF date, make, model and GPS. Deterministic per seed; each one differs.
 */
public final class Photos {

    private Photos() {
    }

    /** {@code count} distinct photos of {@code width} × {@code height}. */
    public static List<byte[]> generate(int count, int width, int height) {
        List<byte[]> photos = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            photos.add(photo(i, width, height));
        }
        return photos;
    }

    /** One 4000 × 3000 photo taken near Paris, seeded by {@code seed}. */
    public static byte[] photo(int seed) {
        return photo(seed, 4000, 3000);
    }

    static byte[] photo(int seed, int width, int height) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0xffffff)), width, height,
                new Color(random.nextInt(0xffffff))));
        g.fillRect(0, 0, width, height);
        g.dispose();
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int noise = (int) (random.nextGaussian() * 10);
                int rgb = row[x];
                row[x] = clamp((rgb >> 16 & 0xff) + noise) << 16 | clamp((rgb >> 8 & 0xff) + noise) << 8
                        | clamp((rgb & 0xff) + noise);
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        double lat = 48.80 + random.nextDouble() * 0.1;
        double lng = 2.25 + random.nextDouble() * 0.2;
        return withExif(jpeg(image, 0.92f), lat, lng, seed);
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }

    private static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static byte[] withExif(byte[] jpeg, double lat, double lng, int seed) {
        try {
            TiffOutputSet exif = new TiffOutputSet();
            TiffOutputDirectory root = exif.getOrCreateRootDirectory();
            root.add(TiffTagConstants.TIFF_TAG_MAKE, "CloudAlbum");
            root.add(TiffTagConstants.TIFF_TAG_MODEL, "Load " + seed);
            exif.getOrCreateExifDirectory().add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL,
                    "2026:07:%02d 10:%02d:00".formatted(1 + seed % 28, seed % 60));
            exif.setGpsInDegrees(lng, lat);
            ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + 1024);
            new ExifRewriter().updateExifMetadataLossless(jpeg, out, exif);
            return out.toByteArray();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
