package com.cloudalbum.thumbnail.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import org.jspecify.annotations.Nullable;

/**
 * libheif's C API (the system's {@code libheif.so.1}, 1.15's {@code heif.h}) through JNA: one HEIF/AVIF file held
 * in native memory, its primary image's header, and a decode to 8-bit interleaved RGB(A) with the file's
 * {@code irot}/{@code imir}/{@code clap} transforms applied by the library.
 *
 * <p>Memory: the compressed file and the full-size decoded image are each held once, off-heap; HEVC and AV1 have
 * no scaled decoding, so the caller bounds width × height before {@link #decode}. Not thread-safe: one per file.
 */
final class Libheif implements AutoCloseable {

    private static final int COLORSPACE_RGB = 1;
    private static final int CHROMA_INTERLEAVED_RGB = 10;
    private static final int CHROMA_INTERLEAVED_RGBA = 11;
    private static final int CHANNEL_INTERLEAVED = 10;
    private static final int COMPRESSION_HEVC = 1;
    private static final int COMPRESSION_AV1 = 4;
    /** heif_error_code values that mean "this build cannot", not "this file is broken". */
    private static final int ERROR_UNSUPPORTED_FILETYPE = 3;
    private static final int ERROR_UNSUPPORTED_FEATURE = 4;
    /**
     * Offset of {@code convert_hdr_to_8bit} (version 2) in {@code struct heif_decoding_options}: two uint8 fields,
     * then four pointers from offset 8 on LP64.
     */
    private static final long CONVERT_HDR_TO_8BIT_OFFSET = 8 + 4L * Native.POINTER_SIZE;

    /** {@code struct heif_error}, returned by value. */
    @Structure.FieldOrder({"code", "subcode", "message"})
    public static class Error extends Structure implements Structure.ByValue {
        public int code;
        public int subcode;
        public @Nullable String message;
    }

    private interface Api extends Library {

        Error heif_init(@Nullable Pointer params);

        String heif_get_version();

        int heif_have_decoder_for_format(int format);

        Pointer heif_context_alloc();

        void heif_context_free(Pointer context);

        void heif_context_set_max_decoding_threads(Pointer context, int maxThreads);

        Error heif_context_read_from_memory_without_copy(Pointer context, Pointer memory, NativeLong size,
                @Nullable Pointer options);

        Error heif_context_get_primary_image_handle(Pointer context, PointerByReference handle);

        void heif_image_handle_release(Pointer handle);

        int heif_image_handle_get_width(Pointer handle);

        int heif_image_handle_get_height(Pointer handle);

        int heif_image_handle_get_ispe_width(Pointer handle);

        int heif_image_handle_get_ispe_height(Pointer handle);

        int heif_image_handle_has_alpha_channel(Pointer handle);

        Pointer heif_decoding_options_alloc();

        void heif_decoding_options_free(Pointer options);

        Error heif_decode_image(Pointer handle, PointerByReference image, int colorspace, int chroma, Pointer options);

        int heif_image_get_primary_width(Pointer image);

        int heif_image_get_primary_height(Pointer image);

        Pointer heif_image_get_plane_readonly(Pointer image, int channel, IntByReference stride);

        void heif_image_release(Pointer image);
    }

    private record Loaded(@Nullable Api api, @Nullable String reason) {
    }

    private static final Loaded LOADED = load();

    private final Memory file;
    private final Pointer context;
    private final Pointer handle;

    /** Why libheif cannot be used here, or null when it can. */
    static @Nullable String unavailable() {
        return LOADED.reason();
    }

    static boolean available() {
        return LOADED.api() != null;
    }

    static String version() {
        return api().heif_get_version();
    }

    /** Whether the library has a decoder plugin for HEIC's codec. */
    static boolean decodesHevc() {
        return available() && api().heif_have_decoder_for_format(COMPRESSION_HEVC) != 0;
    }

    /** Whether the library has a decoder plugin for AVIF's codec. */
    static boolean decodesAv1() {
        return available() && api().heif_have_decoder_for_format(COMPRESSION_AV1) != 0;
    }

    /**
     * Parses the boxes of {@code bytes[0, length)} and finds the primary image; decodes nothing.
     *
     * @throws RenderException when the file cannot be parsed
     */
    Libheif(byte[] bytes, int length) {
        Api api = api();
        this.file = new Memory(Math.max(1, length));
        file.write(0, bytes, 0, length);
        this.context = api.heif_context_alloc();
        // the caller runs one decode per worker thread; tiles of a grid decode on that thread too
        api.heif_context_set_max_decoding_threads(context, 0);
        PointerByReference primary = new PointerByReference();
        Error read = api.heif_context_read_from_memory_without_copy(context, file, new NativeLong(length), null);
        Error error = read.code != 0 ? read : api.heif_context_get_primary_image_handle(context, primary);
        if (error.code != 0) {
            api.heif_context_free(context);
            file.close();
            throw failure("reading the file", error);
        }
        this.handle = primary.getValue();
    }

    /** The primary image's stored size, from its {@code ispe} box: the whole image, never one tile of a grid. */
    Size storedSize() {
        return new Size(api().heif_image_handle_get_ispe_width(handle), api().heif_image_handle_get_ispe_height(handle));
    }

    /** The primary image's size as displayed, after its rotation and cropping. */
    Size displaySize() {
        return new Size(api().heif_image_handle_get_width(handle), api().heif_image_handle_get_height(handle));
    }

    /**
     * Decodes the primary image upright into {@code TYPE_INT_RGB}, averaging each {@code reduction} × {@code
     * reduction} block into one pixel and putting white behind transparent parts. Images of more than 8 bits per
     * channel come out as 8 bits.
     */
    BufferedImage decode(int reduction) {
        Api api = api();
        boolean alpha = api.heif_image_handle_has_alpha_channel(handle) != 0;
        Pointer options = api.heif_decoding_options_alloc();
        PointerByReference decoded = new PointerByReference();
        Error error;
        try {
            if (options.getByte(0) >= 2) {
                options.setByte(CONVERT_HDR_TO_8BIT_OFFSET, (byte) 1);
            }
            error = api.heif_decode_image(handle, decoded, COLORSPACE_RGB,
                    alpha ? CHROMA_INTERLEAVED_RGBA : CHROMA_INTERLEAVED_RGB, options);
        }
        finally {
            api.heif_decoding_options_free(options);
        }
        if (error.code != 0) {
            throw failure("decoding", error);
        }
        Pointer image = decoded.getValue();
        try {
            IntByReference stride = new IntByReference();
            Pointer plane = api.heif_image_get_plane_readonly(image, CHANNEL_INTERLEAVED, stride);
            if (plane == null) {
                throw new RenderException(RenderException.UNDECODABLE, "libheif returned no interleaved plane");
            }
            return reduce(plane, stride.getValue(), api.heif_image_get_primary_width(image),
                    api.heif_image_get_primary_height(image), alpha ? 4 : 3, reduction);
        }
        finally {
            api.heif_image_release(image);
        }
    }

    /** Box-filters {@code k} × {@code k} blocks of 8-bit RGB(A) rows into one pixel each; alpha onto white. */
    static BufferedImage reduce(Pointer plane, int stride, int width, int height, int channels, int k) {
        int outWidth = Math.max(1, width / k);
        int outHeight = Math.max(1, height / k);
        int step = Math.min(k, Math.min(width, height));
        BufferedImage out = new BufferedImage(outWidth, outHeight, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        byte[] row = new byte[width * channels];
        int[] sums = new int[outWidth * 4];
        for (int oy = 0; oy < outHeight; oy++) {
            Arrays.fill(sums, 0);
            for (int dy = 0; dy < step; dy++) {
                plane.read((long) (oy * step + dy) * stride, row, 0, row.length);
                for (int ox = 0; ox < outWidth; ox++) {
                    int base = ox * step * channels;
                    int s = ox * 4;
                    for (int dx = 0; dx < step; dx++) {
                        int p = base + dx * channels;
                        int r = row[p] & 0xff;
                        int g = row[p + 1] & 0xff;
                        int b = row[p + 2] & 0xff;
                        if (channels == 4) {
                            int a = row[p + 3] & 0xff;
                            r = (r * a + 255 * (255 - a)) / 255;
                            g = (g * a + 255 * (255 - a)) / 255;
                            b = (b * a + 255 * (255 - a)) / 255;
                        }
                        sums[s] += r;
                        sums[s + 1] += g;
                        sums[s + 2] += b;
                    }
                }
            }
            int area = step * step;
            int line = oy * outWidth;
            for (int ox = 0; ox < outWidth; ox++) {
                int s = ox * 4;
                pixels[line + ox] = (sums[s] / area) << 16 | (sums[s + 1] / area) << 8 | sums[s + 2] / area;
            }
        }
        return out;
    }

    @Override
    public void close() {
        Api api = api();
        api.heif_image_handle_release(handle);
        api.heif_context_free(context);
        file.close();
    }

    private static RenderException failure(String doing, Error error) {
        String reason = error.code == ERROR_UNSUPPORTED_FILETYPE || error.code == ERROR_UNSUPPORTED_FEATURE
                ? RenderException.UNSUPPORTED_FORMAT : RenderException.UNDECODABLE;
        return new RenderException(reason, "libheif " + doing + ": " + error.message + " (" + error.code + "/"
                + error.subcode + ")");
    }

    private static Api api() {
        @Nullable Api api = LOADED.api();
        if (api == null) {
            throw new RenderException(RenderException.UNSUPPORTED_FORMAT, "libheif is unavailable: " + LOADED.reason());
        }
        return api;
    }

    /** Debian and Ubuntu ship only the versioned name unless the -dev package is installed. */
    private static Loaded load() {
        String reason = "not tried";
        for (String name : new String[] {"libheif.so.1", "heif"}) {
            try {
                Api api = Native.load(name, Api.class);
                // registers the codec plugins (built in, or loaded from the plugin directory since 1.14)
                Error init = api.heif_init(null);
                return init.code == 0 ? new Loaded(api, null) : new Loaded(null, "heif_init: " + init.message);
            }
            catch (UnsatisfiedLinkError | RuntimeException e) {
                reason = String.valueOf(e.getMessage());
            }
        }
        return new Loaded(null, reason);
    }
}
