package com.cloudalbum.photo.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HEIF files for tests: made by libheif's {@code heif-enc} (Debian: libheif-examples, which {@code .ci/run}
 * installs) from a JPEG, whose EXIF it keeps as an Exif item stored after the image data; and a hand-made grid's
 * {@code meta} box, where the first {@code ispe} is a tile's.
 */
public final class HeifTestFiles {

    private HeifTestFiles() {
    }

    public static byte[] heifEnc(byte[] jpeg, String extension) {
        try {
            Path dir = Files.createTempDirectory("heif-enc");
            Path in = dir.resolve("in.jpg");
            Path out = dir.resolve("out." + extension);
            Files.write(in, jpeg);
            List<String> command = List.of("heif-enc", "-q", "60", "-p", "speed=9", "-o", out.toString(), in.toString());
            List<String> run = extension.equals("avif") ? command : List.of("heif-enc", "-q", "60", "-o",
                    out.toString(), in.toString());
            Process process = new ProcessBuilder(run).redirectErrorStream(true).start();
            String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("heif-enc: %s", log).isZero();
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

    /**
     * ftyp and meta of a 2 × 1 grid of 512 × 512 tiles making a 1024 × 512 primary item (id 1), the tiles' ispe
     * first in ipco, as phones write them.
     */
    public static byte[] gridHeader() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(box("ftyp", concat(ascii("heic"), u32(0), ascii("mif1"), ascii("heic"))));
        byte[] pitm = fullBox("pitm", 0, u16(1));
        byte[] iinf = fullBox("iinf", 0, concat(u16(3), infe(1, "grid"), infe(2, "hvc1"), infe(3, "hvc1")));
        byte[] ipco = box("ipco", concat(ispe(512, 512), ispe(1024, 512)));
        byte[] ipma = fullBox("ipma", 0, concat(u32(3),
                u16(1), new byte[] {1, 2},
                u16(2), new byte[] {1, 1},
                u16(3), new byte[] {1, 1}));
        byte[] iprp = box("iprp", concat(ipco, ipma));
        file.writeBytes(fullBox("meta", 0, concat(fullBox("hdlr", 0, concat(u32(0), ascii("pict"), new byte[13])),
                pitm, iinf, iprp)));
        return file.toByteArray();
    }

    private static byte[] infe(int id, String type) {
        return fullBox("infe", 2, concat(u16(id), u16(0), ascii(type), new byte[] {0}));
    }

    private static byte[] ispe(int width, int height) {
        return fullBox("ispe", 0, concat(u32(width), u32(height)));
    }

    private static byte[] fullBox(String type, int version, byte[] body) {
        return box(type, concat(new byte[] {(byte) version, 0, 0, 0}, body));
    }

    private static byte[] box(String type, byte[] body) {
        return concat(u32(8 + body.length), ascii(type), body);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] u32(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static byte[] u16(int value) {
        return new byte[] {(byte) (value >>> 8), (byte) value};
    }

    private static byte[] ascii(String value) {
        return value.getBytes(StandardCharsets.US_ASCII);
    }
}
