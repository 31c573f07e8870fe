package com.cloudalbum.photo.upload;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * The image formats an upload may have, told apart by their leading bytes only: the client's
 * {@code Content-Type} and file name are not trusted.
 */
public enum ImageType {

    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    GIF("image/gif", "gif"),
    WEBP("image/webp", "webp"),
    HEIC("image/heic", "heic"),
    HEIF("image/heif", "heif"),
    /** AV1 in HEIF's container, told apart by its {@code avif}/{@code avis} brand. */
    AVIF("image/avif", "avif");

    /** How many leading bytes {@link #detect} looks at; enough for an ISO-BMFF ftyp box with a few brands. */
    public static final int PREFIX_BYTES = 32;

    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] GIF87A = ascii("GIF87a");
    private static final byte[] GIF89A = ascii("GIF89a");
    private static final byte[] RIFF = ascii("RIFF");
    private static final byte[] WEBP_FOURCC = ascii("WEBP");
    private static final byte[] FTYP = ascii("ftyp");

    private static final Set<String> HEIC_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis");
    private static final Set<String> HEIF_BRANDS = Set.of("mif1", "msf1");
    // AVIF lists mif1 among its compatible brands, so its own brand decides first
    private static final Set<String> AVIF_BRANDS = Set.of("avif", "avis");

    private final String contentType;
    private final String extension;

    ImageType(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    /** File extension without the dot. */
    public String extension() {
        return extension;
    }

    /**
     * The type whose magic number starts {@code prefix}; only its first {@code length} bytes are
     * looked at (a read may fill less than the whole array). Empty for anything else.
     */
    public static Optional<ImageType> detect(byte[] prefix, int length) {
        int n = Math.max(0, Math.min(length, prefix.length));
        // FF D8 FF and the first segment's marker code: three bytes alone are not an image
        if (startsWith(prefix, n, 0, JPEG_MAGIC) && n > JPEG_MAGIC.length) {
            return Optional.of(JPEG);
        }
        if (startsWith(prefix, n, 0, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (startsWith(prefix, n, 0, GIF87A) || startsWith(prefix, n, 0, GIF89A)) {
            return Optional.of(GIF);
        }
        if (startsWith(prefix, n, 0, RIFF) && startsWith(prefix, n, 8, WEBP_FOURCC)) {
            return Optional.of(WEBP);
        }
        if (startsWith(prefix, n, 4, FTYP) && n >= 12) {
            return isoBaseMediaType(prefix, n);
        }
        return Optional.empty();
    }

    private static Optional<ImageType> isoBaseMediaType(byte[] prefix, int n) {
        String major = brand(prefix, 8);
        if (HEIC_BRANDS.contains(major)) {
            return Optional.of(HEIC);
        }
        if (AVIF_BRANDS.contains(major)) {
            return Optional.of(AVIF);
        }
        // compatible brands follow the minor version (bytes 12..15), up to the box's end
        long boxSize = Integer.toUnsignedLong(readInt(prefix, 0));
        int end = (int) Math.min(n, boxSize >= 16 ? boxSize : n);
        // a generic major brand (mif1) says less than a codec's among the compatible ones
        boolean heif = HEIF_BRANDS.contains(major);
        for (int at = 16; at + 4 <= end; at += 4) {
            String compatible = brand(prefix, at);
            if (HEIC_BRANDS.contains(compatible)) {
                return Optional.of(HEIC);
            }
            if (AVIF_BRANDS.contains(compatible)) {
                return Optional.of(AVIF);
            }
            heif |= HEIF_BRANDS.contains(compatible);
        }
        return heif ? Optional.of(HEIF) : Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, int length, int offset, byte[] magic) {
        if (offset + magic.length > length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[offset + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String brand(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.ISO_8859_1);
    }

    private static int readInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 24 | (bytes[offset + 1] & 0xFF) << 16
                | (bytes[offset + 2] & 0xFF) << 8 | (bytes[offset + 3] & 0xFF);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
