package com.cloudalbum.thumbnail.render;

import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

/**
 * HEIC (HEVC) and AVIF (AV1) through libheif: the file is read whole (it is random-access: {@code iloc} may put
 * the image data anywhere), the primary item's {@code ispe} is checked against the pixel budget before anything is
 * decoded, and the library applies {@code irot}/{@code imir}.
 *
 * <p>Orientation is applied once: phones record the rotation as {@code irot}/{@code imir} and again as the EXIF
 * orientation, and the transform boxes are the normative one, so a file with either box gets only those; a file
 * without them (heif-enc 1.15 from a JPEG keeps just the EXIF tag) gets its EXIF orientation.
 */
final class HeifDecoder implements Decoder {

    static final String NAME = "libheif";

    private final int maxBufferedBytes;

    HeifDecoder(int maxBufferedBytes) {
        if (!Libheif.available()) {
            throw new IllegalStateException("libheif is unavailable: " + Libheif.unavailable());
        }
        this.maxBufferedBytes = maxBufferedBytes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decoded decode(Original original, BiFunction<Size, Orientation, Plan> planner) {
        if (!original.buffer(maxBufferedBytes)) {
            throw new RenderException(RenderException.TOO_MANY_PIXELS,
                    "HEIF file larger than " + maxBufferedBytes + " bytes");
        }
        try (Libheif heif = new Libheif(original.bytes(), original.length())) {
            // the budget applies to what the decoder allocates, the stored (pre-rotation, pre-crop) size
            planner.apply(heif.storedSize(), Orientation.NORMAL);
            Orientation exif = hasTransformBox(original.bytes(), original.length()) ? Orientation.NORMAL
                    : Orientation.read(original.bytes(), original.length());
            Plan plan = planner.apply(heif.displaySize(), exif);
            return new Decoded(heif.decode(plan.reduction()), plan);
        }
    }

    /** Whether the top-level {@code meta} box holds an {@code irot} or {@code imir} property (9-byte boxes). */
    static boolean hasTransformBox(byte[] file, int length) {
        int at = 0;
        while (at + 8 <= length) {
            long size = u32(file, at);
            String type = new String(file, at + 4, 4, StandardCharsets.US_ASCII);
            if (size == 1 && at + 16 <= length) {
                size = (u32(file, at + 8) << 32) | u32(file, at + 12);
            }
            else if (size == 0) {
                size = length - at;
            }
            if (size < 8) {
                return false;
            }
            if (type.equals("meta")) {
                int end = (int) Math.min(length, at + size);
                for (int i = at + 8; i + 8 <= end; i++) {
                    if (u32(file, i) == 9 && (matches(file, i + 4, "irot") || matches(file, i + 4, "imir"))) {
                        return true;
                    }
                }
                return false;
            }
            at += (int) Math.min(size, Integer.MAX_VALUE - at);
        }
        return false;
    }

    private static long u32(byte[] bytes, int at) {
        return ((bytes[at] & 0xFFL) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8)
                | (bytes[at + 3] & 0xFF);
    }

    private static boolean matches(byte[] bytes, int at, String type) {
        for (int i = 0; i < 4; i++) {
            if (bytes[at + i] != type.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
