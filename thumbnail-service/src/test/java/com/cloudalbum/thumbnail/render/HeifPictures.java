package com.cloudalbum.thumbnail.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HEIC and AVIF files made in the test by libheif's own encoder, {@code heif-enc} (Debian: libheif-examples,
 * which {@code .ci/run} installs): from a JPEG it keeps the EXIF and records its orientation as {@code irot}/{@code
 * imir}, from a 16-bit PNG it writes 10 bits per channel.
 */
public final class HeifPictures {

    private HeifPictures() {
    }

    /** {@code input} ({@code .jpg} or {@code .png} bytes) through heif-enc into {@code extension} (heic, avif). */
    public static byte[] heifEnc(byte[] input, String inputExtension, String extension, String... options) {
        try {
            Path dir = Files.createTempDirectory("heif-enc");
            Path in = dir.resolve("in." + inputExtension);
            Path out = dir.resolve("out." + extension);
            Files.write(in, input);
            List<String> command = new ArrayList<>(List.of("heif-enc", "-q", "80"));
            command.addAll(List.of(options));
            command.addAll(List.of("-o", out.toString(), in.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("heif-enc finished").isTrue();
            assertThat(process.exitValue()).as("heif-enc %s: %s", command, log).isZero();
            byte[] bytes = Files.readAllBytes(out);
            Files.delete(in);
            Files.delete(out);
            Files.delete(dir);
            return bytes;
        }
        catch (IOException e) {
            throw new UncheckedIOException("heif-enc is missing? Debian: apt-get install libheif-examples", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code image} as a 16-bit-per-channel RGB PNG: each 8-bit value v becomes v × 257. */
    public static byte[] png16(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                raster.setPixel(x, y, new int[] {((rgb >> 16) & 0xff) * 257, ((rgb >> 8) & 0xff) * 257,
                        (rgb & 0xff) * 257});
            }
        }
        return TestPictures.png(new BufferedImage(model, raster, false, null));
    }

    /** Rewrites every {@code ispe} box to declare {@code width} × {@code height}: a bomb as far as headers tell. */
    public static byte[] withIspe(byte[] heif, int width, int height) {
        byte[] patched = heif.clone();
        int found = 0;
        for (int i = 0; i + 16 <= patched.length; i++) {
            if (patched[i] == 'i' && patched[i + 1] == 's' && patched[i + 2] == 'p' && patched[i + 3] == 'e') {
                // box type, version/flags (4), width (4), height (4)
                putInt(patched, i + 8, width);
                putInt(patched, i + 12, height);
                found++;
            }
        }
        assertThat(found).as("ispe boxes").isPositive();
        return patched;
    }

    private static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }
}
