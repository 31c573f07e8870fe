package com.cloudalbum.thumbnail.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteOrder;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import org.jspecify.annotations.Nullable;

/**
 * libjpeg-turbo's TurboJPEG C API (the system's {@code libturbojpeg.so.0}) through JNA. It decodes a JPEG at
 * 1/8 … 8/8 of its size in the DCT domain, so a thumbnail of a 12-megapixel photo never pays for the full
 * inverse DCT and colour conversion that the JDK's decoder (libjpeg 6b, no DCT scaling) does.
 *
 * <p>Memory: the compressed file and the scaled image are each held once, off-heap while decoding; the caller
 * bounds the file's size. Instances are not thread-safe: one per decode.
 */
final class TurboJpeg implements AutoCloseable {

    /** The library's flags and pixel formats (turbojpeg.h, stable since TurboJPEG 1.2). */
    /** Pixels laid out as an int 0x??RRGGBB in native byte order: what TYPE_INT_RGB holds, Java2D's fastest source. */
    private static final int TJPF_INT_RGB = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 3 /* BGRX */ : 5 /* XRGB */;

    /** Any libjpeg warning (corrupt or truncated data) fails the decode instead of filling with grey. */
    private static final int TJFLAG_STOPONWARNING = 8192;

    private static final int TJCS_CMYK = 3;

    private static final int TJCS_YCCK = 4;

    private interface Api extends Library {

        Pointer tjInitDecompress();

        int tjDecompressHeader3(Pointer handle, Pointer jpegBuf, NativeLong jpegSize, IntByReference width,
                IntByReference height, IntByReference subsampling, IntByReference colorspace);

        int tjDecompress2(Pointer handle, Pointer jpegBuf, NativeLong jpegSize, Pointer dstBuf, int width, int pitch,
                int height, int pixelFormat, int flags);

        String tjGetErrorStr2(Pointer handle);

        int tjDestroy(Pointer handle);
    }

    private record Loaded(@Nullable Api api, @Nullable String reason) {
    }

    private static final Loaded LOADED = load();

    private final Pointer handle;

    private final Memory jpeg;

    private final long jpegSize;

    private final int width;

    private final int height;

    private final int colorspace;

    /** Why TurboJPEG cannot be used here, or null when it can. */
    static @Nullable String unavailable() {
        return LOADED.reason();
    }

    static boolean available() {
        return LOADED.api() != null;
    }

    /**
     * Reads the header of {@code file[0, length)}.
     *
     * @throws Failure if the library is unavailable or the data has no JPEG header it can read
     */
    TurboJpeg(byte[] file, int length) {
        Api api = api();
        this.jpegSize = length;
        this.jpeg = new Memory(Math.max(1, length));
        this.jpeg.write(0, file, 0, length);
        this.handle = api.tjInitDecompress();
        if (handle == null) {
            jpeg.close();
            throw new Failure("tjInitDecompress failed");
        }
        IntByReference w = new IntByReference();
        IntByReference h = new IntByReference();
        IntByReference subsampling = new IntByReference();
        IntByReference cs = new IntByReference();
        if (api.tjDecompressHeader3(handle, jpeg, new NativeLong(jpegSize), w, h, subsampling, cs) != 0) {
            String error = api.tjGetErrorStr2(handle);
            close();
            throw new Failure("header: " + error);
        }
        this.width = w.getValue();
        this.height = h.getValue();
        this.colorspace = cs.getValue();
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** CMYK/YCCK JPEGs need a colour profile to look right; the ImageIO path judges those. */
    boolean convertibleToRgb() {
        return colorspace != TJCS_CMYK && colorspace != TJCS_YCCK;
    }

    /** The size TurboJPEG decodes to at {@code num}/8, as its TJSCALED macro computes it. */
    static int scaled(int size, int num) {
        return (size * num + 7) / 8;
    }

    /**
     * Decodes at {@code num}/8 into a {@code TYPE_INT_RGB} image.
     *
     * @throws Failure on any error or warning (corrupt or truncated data): the caller falls back to ImageIO,
     *                 which says what is wrong with the image
     */
    BufferedImage decode(int num) {
        int w = scaled(width, num);
        int h = scaled(height, num);
        int pitch = w * 4;
        try (Memory pixels = new Memory((long) pitch * h)) {
            if (api().tjDecompress2(handle, jpeg, new NativeLong(jpegSize), pixels, w, pitch, h, TJPF_INT_RGB,
                    TJFLAG_STOPONWARNING) != 0) {
                throw new Failure("decode: " + api().tjGetErrorStr2(handle));
            }
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            int[] raster = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            pixels.read(0, raster, 0, raster.length);
            return image;
        }
    }

    @Override
    public void close() {
        if (handle != null) {
            api().tjDestroy(handle);
        }
        jpeg.close();
    }

    private static Api api() {
        @Nullable Api api = LOADED.api();
        if (api == null) {
            throw new Failure("TurboJPEG is unavailable: " + LOADED.reason());
        }
        return api;
    }

    /** Debian and Ubuntu ship only the versioned name unless the -dev package is installed. */
    private static Loaded load() {
        String reason = "not tried";
        for (String name : new String[] {"libturbojpeg.so.0", "turbojpeg"}) {
            try {
                return new Loaded(Native.load(name, Api.class), null);
            }
            catch (UnsatisfiedLinkError | RuntimeException e) {
                reason = String.valueOf(e.getMessage());
            }
        }
        return new Loaded(null, reason);
    }

    /** TurboJPEG could not do it; not a verdict on the image. */
    static final class Failure extends RuntimeException {

        Failure(String message) {
            super(message);
        }
    }
}
