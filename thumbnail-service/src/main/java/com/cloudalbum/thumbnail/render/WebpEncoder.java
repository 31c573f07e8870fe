package com.cloudalbum.thumbnail.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import org.jspecify.annotations.Nullable;

/**
 * Lossy WebP through libwebp's simple encoding API (the system's {@code libwebp.so.7}; {@code WebPEncodeBGR},
 * encode.h), with the library's default settings (method 4) at the spec's {@code webpQuality}. Its output is a
 * bare RIFF/VP8 file: no EXIF or XMP chunk.
 */
final class WebpEncoder implements Encoder {

    private interface Api extends Library {

        int WebPGetEncoderVersion();

        NativeLong WebPEncodeBGR(Pointer bgr, int width, int height, int stride, float quality,
                PointerByReference output);

        void WebPFree(Pointer pointer);
    }

    private record Loaded(@Nullable Api api, @Nullable String reason) {
    }

    private static final Loaded LOADED = load();

    WebpEncoder() {
        if (LOADED.api() == null) {
            throw new IllegalStateException("libwebp is unavailable: " + LOADED.reason());
        }
    }

    static boolean available() {
        return LOADED.api() != null;
    }

    static @Nullable String unavailable() {
        return LOADED.reason();
    }

    /** libwebp's version, e.g. 1.2.4. */
    static String version() {
        int v = api().WebPGetEncoderVersion();
        return (v >> 16) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
    }

    @Override
    public RenditionFormat format() {
        return RenditionFormat.WEBP;
    }

    @Override
    public byte[] encode(BufferedImage image, RenditionSpec spec) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        byte[] bgr = new byte[width * height * 3];
        for (int i = 0, p = 0; i < pixels.length; i++) {
            int rgb = pixels[i];
            bgr[p++] = (byte) rgb;
            bgr[p++] = (byte) (rgb >> 8);
            bgr[p++] = (byte) (rgb >> 16);
        }
        try (Memory input = new Memory(bgr.length)) {
            input.write(0, bgr, 0, bgr.length);
            PointerByReference output = new PointerByReference();
            long size = api().WebPEncodeBGR(input, width, height, width * 3, spec.webpQuality(), output).longValue();
            Pointer encoded = output.getValue();
            try {
                if (size == 0 || encoded == null) {
                    throw new IllegalStateException("WebPEncodeBGR failed for " + width + "x" + height);
                }
                return encoded.getByteArray(0, (int) size);
            }
            finally {
                if (encoded != null) {
                    api().WebPFree(encoded);
                }
            }
        }
    }

    private static Api api() {
        @Nullable Api api = LOADED.api();
        if (api == null) {
            throw new IllegalStateException("libwebp is unavailable: " + LOADED.reason());
        }
        return api;
    }

    /** Debian and Ubuntu ship only the versioned name unless the -dev package is installed. */
    private static Loaded load() {
        String reason = "not tried";
        for (String name : new String[] {"libwebp.so.7", "webp"}) {
            try {
                return new Loaded(Native.load(name, Api.class), null);
            }
            catch (UnsatisfiedLinkError | RuntimeException e) {
                reason = String.valueOf(e.getMessage());
            }
        }
        return new Loaded(null, reason);
    }
}
