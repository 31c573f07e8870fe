package com.cloudalbum.thumbnail.render;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

/**
 * Makes upright, metadata-free renditions of an original: picks a {@link Decoder} by the file's format, plans the
 * targets from the header (refusing more than {@code maxPixels} before decoding), scales and orients with
 * {@link Scaler} and writes each rendition with every {@link Encoder} present (JPEG always, WebP with libwebp).
 *
 * <p>Decoders: JPEGs up to {@code maxBufferedBytes} through TurboJPEG when the system has it (else, and for CMYK,
 * corrupt or larger JPEGs, ImageIO, streamed); HEIC and AVIF through libheif, read whole up to
 * {@code maxBufferedBytes}; everything else through ImageIO, streamed. A HEIF without libheif fails as
 * {@code unsupported-format}. {@link #decodes} counts which decoder produced the pixels.
 *
 * <p>Memory per call: the original's first 256 KiB, or all of it (at most {@code maxBufferedBytes}) for TurboJPEG
 * and libheif; the decoded pixels (for libheif the full image off-heap, width × height × 3 bytes, then reduced);
 * the renditions. Blocking and CPU-bound; thread-safe, so one instance serves every worker.
 */
public final class Renderer {

    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    /** Camera and phone JPEGs are 2–12 MB, HEICs 1–5 MB; the bound is per worker. */
    public static final int DEFAULT_MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "hevm",
            "hevs", "mif1", "msf1", "avif", "avis");

    private final long maxPixels;
    private final @Nullable Decoder jpeg;
    private final @Nullable Decoder heif;
    private final Decoder imageIo = new ImageIoDecoder();
    private final List<Encoder> encoders;
    private final Map<String, LongAdder> decodes = new LinkedHashMap<>();

    /** With every library this system has. */
    public Renderer() {
        this(DEFAULT_MAX_PIXELS);
    }

    public Renderer(long maxPixels) {
        this(maxPixels, NativeLibrary.present(), DEFAULT_MAX_BUFFERED_BYTES);
    }

    /**
     * @param libraries the native libraries to use; without any, JPEGs and the rest go through ImageIO, HEIF fails
     *                  as unsupported and renditions are JPEG only
     * @throws IllegalStateException when a library asked for is missing
     */
    public Renderer(long maxPixels, Set<NativeLibrary> libraries, int maxBufferedBytes) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive: " + maxPixels);
        }
        this.maxPixels = maxPixels;
        this.jpeg = libraries.contains(NativeLibrary.TURBOJPEG) ? new TurboJpegDecoder(maxBufferedBytes) : null;
        this.heif = libraries.contains(NativeLibrary.LIBHEIF) ? new HeifDecoder(maxBufferedBytes) : null;
        this.encoders = libraries.contains(NativeLibrary.LIBWEBP)
                ? List.of(new JpegEncoder(), new WebpEncoder()) : List.of(new JpegEncoder());
        for (String name : List.of(TurboJpegDecoder.NAME, HeifDecoder.NAME, ImageIoDecoder.NAME)) {
            decodes.put(name, new LongAdder());
        }
    }

    /** What this renderer reads and writes, and with what, for the start-up log. */
    public String formats() {
        List<String> reads = new ArrayList<>();
        reads.add("JPEG (" + (jpeg != null ? "TurboJPEG, scaled; ImageIO for CMYK and over the buffer bound"
                : "ImageIO; TurboJPEG: " + reason(NativeLibrary.TURBOJPEG)) + ")");
        reads.add("PNG, GIF, BMP, WebP (ImageIO)");
        if (heif != null) {
            reads.add("HEIC " + (Libheif.decodesHevc() ? "" : "NOT (no HEVC decoder plugin) ") + "and AVIF "
                    + (Libheif.decodesAv1() ? "" : "NOT (no AV1 decoder plugin) ") + "(libheif " + Libheif.version()
                    + ")");
        }
        else {
            reads.add("NOT HEIC/AVIF (libheif: " + reason(NativeLibrary.LIBHEIF) + ")");
        }
        String writes = encoders.size() > 1 ? "JPEG and WebP (libwebp " + WebpEncoder.version() + ")"
                : "JPEG only (libwebp: " + reason(NativeLibrary.LIBWEBP) + ")";
        return "reads " + String.join(", ", reads) + "; writes " + writes;
    }

    private static String reason(NativeLibrary library) {
        return library.available() ? "off" : String.valueOf(library.unavailable());
    }

    /** The formats renditions are written in, JPEG first. */
    public Set<RenditionFormat> renditionFormats() {
        EnumSet<RenditionFormat> formats = EnumSet.noneOf(RenditionFormat.class);
        encoders.forEach(encoder -> formats.add(encoder.format()));
        return formats;
    }

    /** How many originals {@code decoder} ({@code turbojpeg}, {@code libheif}, {@code imageio}) has decoded. */
    public long decodes(String decoder) {
        LongAdder count = decodes.get(decoder);
        return count == null ? 0 : count.sum();
    }

    /** {@link #render(InputStream, long, List)} of an original of unknown length. */
    public List<Rendition> render(InputStream original, List<RenditionSpec> specs) {
        return render(original, -1, specs);
    }

    /**
     * Renders {@code original} once per spec, in the order given, each spec in every format (JPEG first). Does
     * not close {@code original}.
     *
     * @param size the original's length in bytes when known (the S3 object's size), else -1; sizes the buffer
     * @throws RenderException if the image is undecodable, too large or of an unsupported format
     * @throws UncheckedIOException if reading {@code original} itself fails
     */
    public List<Rendition> render(InputStream original, long size, List<RenditionSpec> specs) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("specs must not be empty");
        }
        Original file = new Original(original, size);
        BiFunction<Size, Orientation, Plan> planner = (stored, orientation) -> Plan.of(stored.width(),
                stored.height(), orientation, specs, maxPixels);
        Decoder.Decoded decoded = decode(file, planner);
        List<Rendition> renditions = new ArrayList<>(specs.size() * encoders.size());
        for (int i = 0; i < specs.size(); i++) {
            RenditionSpec spec = specs.get(i);
            Size target = decoded.plan().targets().get(i);
            BufferedImage image = Scaler.scale(decoded.image(), target, decoded.plan().orientation());
            for (Encoder encoder : encoders) {
                renditions.add(new Rendition(spec.name(), encoder.format(), encoder.encode(image, spec),
                        target.width(), target.height()));
            }
        }
        return renditions;
    }

    private Decoder.Decoded decode(Original file, BiFunction<Size, Orientation, Plan> planner) {
        byte[] prefix = file.prefix();
        if (isHeif(prefix)) {
            if (heif == null) {
                throw new RenderException(RenderException.UNSUPPORTED_FORMAT,
                        "HEIC/AVIF needs libheif: " + reason(NativeLibrary.LIBHEIF));
            }
            return counted(heif, heif.decode(file, planner));
        }
        if (jpeg != null && isJpeg(prefix)) {
            Decoder.@Nullable Decoded fast = jpeg.decode(file, planner);
            if (fast != null) {
                return counted(jpeg, fast);
            }
        }
        return counted(imageIo, imageIo.decode(file, planner));
    }

    private Decoder.Decoded counted(Decoder decoder, Decoder.@Nullable Decoded decoded) {
        if (decoded == null) {
            throw new IllegalStateException(decoder.name() + " declined to decode");
        }
        decodes.get(decoder.name()).increment();
        return decoded;
    }

    static boolean isJpeg(byte[] prefix) {
        return prefix.length >= 3 && (prefix[0] & 0xFF) == 0xFF && (prefix[1] & 0xFF) == 0xD8
                && (prefix[2] & 0xFF) == 0xFF;
    }

    /** An ISO-BMFF {@code ftyp} box whose major or a compatible brand is a HEIF image brand. */
    static boolean isHeif(byte[] prefix) {
        if (prefix.length < 16 || !"ftyp".equals(new String(prefix, 4, 4, StandardCharsets.US_ASCII))) {
            return false;
        }
        long boxSize = ((prefix[0] & 0xFFL) << 24) | ((prefix[1] & 0xFF) << 16) | ((prefix[2] & 0xFF) << 8)
                | (prefix[3] & 0xFF);
        int end = (int) Math.min(prefix.length, Math.max(16, boxSize));
        for (int at = 8; at + 4 <= end; at += at == 8 ? 8 : 4) { // major brand, skip minor version, then compatibles
            if (HEIF_BRANDS.contains(new String(Arrays.copyOfRange(prefix, at, at + 4), StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }
}
