package com.cloudalbum.thumbnail.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Pictures whose pixels say what went wrong: orientation markers, EXIF written by hand, header-only bombs. */
public final class TestPictures {

    public static final int RED = 0xff0000;
    public static final int GREEN = 0x00ff00;
    public static final int BLUE = 0x0000ff;

    private TestPictures() {
    }

    public static boolean isNear(int rgb, int expected) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xff) - ((expected >> shift) & 0xff)) > 40) {
                return false;
            }
        }
        return true;
    }

    public static BufferedImage solid(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(rgb));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    public static BufferedImage marker(int width, int height) {
        BufferedImage image = solid(width, height, BLUE);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(RED));
        g.fillRect(0, 0, width / 2, height / 2);
        g.setColor(new Color(GREEN));
        g.fillRect(width / 2, 0, width - width / 2, height / 2);
        g.dispose();
        return image;
    }

    public static BufferedImage noise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    /**
     * The pixels a camera stores for {@code upright} under an EXIF orientation, written from the tag's definition
     * ("stored row 0 is the visual ..., stored column 0 is the visual ...") rather than from the renderer's
     * transforms.
     */
    public static BufferedImage stored(BufferedImage upright, int orientation) {
        int w = upright.getWidth();
        int h = upright.getHeight();
        boolean transposed = orientation >= 5;
        int sw = transposed ? h : w;
        int sh = transposed ? w : h;
        BufferedImage stored = new BufferedImage(sw, sh, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                int[] visual = switch (orientation) {
                    case 1 -> new int[] {x, y};                     // row 0 top, column 0 left
                    case 2 -> new int[] {w - 1 - x, y};             // row 0 top, column 0 right
                    case 3 -> new int[] {w - 1 - x, h - 1 - y};     // row 0 bottom, column 0 right
                    case 4 -> new int[] {x, h - 1 - y};             // row 0 bottom, column 0 left
                    case 5 -> new int[] {y, x};                     // row 0 left, column 0 top
                    case 6 -> new int[] {w - 1 - y, x};             // row 0 right, column 0 top
                    case 7 -> new int[] {w - 1 - y, h - 1 - x};     // row 0 right, column 0 bottom
                    case 8 -> new int[] {y, h - 1 - x};             // row 0 left, column 0 bottom
                    default -> throw new IllegalArgumentException("orientation " + orientation);
                };
                stored.setRGB(x, y, upright.getRGB(visual[0], visual[1]));
            }
        }
        return stored;
    }

    public static byte[] jpeg(BufferedImage image) {
        return encode(image, "jpeg");
    }

    public static byte[] png(BufferedImage image) {
        return encode(image, "png");
    }

    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertThat(ImageIO.write(image, format, out)).as("writer for %s", format).isTrue();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Inserts an APP1 segment with a minimal big-endian TIFF holding only IFD0 Orientation, after JFIF APP0. */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer app1 = ByteBuffer.allocate(2 + 2 + 6 + 26);
        app1.putShort((short) 0xffe1).putShort((short) (2 + 6 + 26));
        app1.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        app1.put(new byte[] {'M', 'M'}).putShort((short) 42).putInt(8);
        app1.putShort((short) 1);
        app1.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        app1.putInt(0);
        int insertAt = 2;
        if ((jpeg[2] & 0xff) == 0xff && (jpeg[3] & 0xff) == 0xe0) {
            insertAt += 2 + (((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, insertAt);
        out.writeBytes(app1.array());
        out.write(jpeg, insertAt, jpeg.length - insertAt);
        return out.toByteArray();
    }

    public static boolean containsExif(byte[] jpeg) {
        byte[] needle = "Exif\0".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + needle.length <= jpeg.length; i++) {
            if (Arrays.equals(jpeg, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    /** PNG signature and a valid IHDR chunk only: a decompression bomb as far as the header can tell. */
    public static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(4 + 13);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height);
        ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        return png.array();
    }
}
