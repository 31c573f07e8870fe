package com.cloudalbum.thumbnail.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;

import org.jspecify.annotations.Nullable;

/**
 * Makes upright, metadata-free JPEG renditions of an original image.
 *
 * <p>Reads whatever the JDK's ImageIO reads: JPEG, PNG, GIF (first frame) and BMP. WebP and HEIC need an extra
 * ImageIO plugin on the class path (e.g. TwelveMonkeys for WebP); without one they fail as
 * {@code unsupported-format}.
 *
 * <p>Untrusted input is bounded before decoding: the declared width × height is checked against
 * {@code maxPixels} from the header alone, and the decoder subsamples so the decoded image is only as large as
 * the biggest rendition needs. Only the first {@value #EXIF_PREFIX_BYTES} bytes are buffered (for the EXIF
 * orientation); the rest is streamed into the decoder.
 *
 * <p>Blocking and CPU-bound. Stateless and thread-safe: run it on a bounded scheduler, never on an event loop.
 */
public final class Renderer {

    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    /** EXIF lives in APP1 (at most 64 KiB) near the start of a JPEG; this leaves room for APP0/XMP before it. */
    static final int EXIF_PREFIX_BYTES = 256 * 1024;

    /**
     * JPEGs up to this size are read whole and decoded by TurboJPEG at a reduced scale; larger ones stream
     * through ImageIO. Camera and phone JPEGs are 2–12 MB; the bound is per worker.
     */
    public static final int DEFAULT_MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

    private final long maxPixels;

    private final boolean turbo;

    private final int maxBufferedBytes;

    /** With TurboJPEG when the system has it (see {@link #decoder()}). */
    public Renderer() {
        this(DEFAULT_MAX_PIXELS);
    }

    public Renderer(long maxPixels) {
        this(maxPixels, TurboJpeg.available(), DEFAULT_MAX_BUFFERED_BYTES);
    }

    /** {@code turbo} false: every format through ImageIO, streamed. */
    public Renderer(long maxPixels, boolean turbo, int maxBufferedBytes) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive: " + maxPixels);
        }
        if (turbo && !TurboJpeg.available()) {
            throw new IllegalStateException("TurboJPEG is unavailable: " + TurboJpeg.unavailable());
        }
        this.maxPixels = maxPixels;
        this.turbo = turbo;
        this.maxBufferedBytes = maxBufferedBytes;
    }

    /** Which decoder JPEGs go through, for the start-up log. */
    public String decoder() {
        return turbo
                ? "TurboJPEG (libturbojpeg, scaled decoding) for JPEGs up to " + maxBufferedBytes / (1024 * 1024)
                        + " MiB, ImageIO for the rest"
                : "ImageIO only (TurboJPEG: " + (TurboJpeg.available() ? "off" : TurboJpeg.unavailable()) + ")";
    }

    /** Whether the system's libturbojpeg can be used. */
    public static boolean turboJpegAvailable() {
        return TurboJpeg.available();
    }

    /**
     * Renders {@code original} once per spec, in the order given. Does not close {@code original}.
     *
     * @throws RenderException if the image is undecodable, too large or of an unsupported format
     * @throws UncheckedIOException if reading {@code original} itself fails
     */
    public List<Rendition> render(InputStream original, List<RenditionSpec> specs) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("specs must not be empty");
        }
        byte[] prefix = readPrefix(original);
        Orientation orientation = Orientation.read(prefix);
        InputStream whole = new SequenceInputStream(new ByteArrayInputStream(prefix), original);
        if (turbo && isJpeg(prefix)) {
            Buffered file = Buffered.read(prefix, original, maxBufferedBytes);
            if (file.complete()) {
                @Nullable List<Rendition> fast = renderWithTurbo(file, orientation, specs);
                if (fast != null) {
                    return fast;
                }
            }
            whole = new SequenceInputStream(file.stream(), original); // too large to buffer, or for ImageIO to judge
        }
        return renderWithImageIo(whole, orientation, specs);
    }

    /** Null when TurboJPEG cannot decode it (CMYK, corrupt or truncated data): ImageIO then has its say. */
    private @Nullable List<Rendition> renderWithTurbo(Buffered file, Orientation orientation,
            List<RenditionSpec> specs) {
        try (TurboJpeg jpeg = new TurboJpeg(file.bytes(), file.length())) {
            Plan plan = plan(jpeg.width(), jpeg.height(), orientation, specs);
            if (!jpeg.convertibleToRgb()) {
                return null;
            }
            return renditions(jpeg.decode(scaleNumerator(plan)), plan, orientation, specs);
        }
        catch (TurboJpeg.Failure e) {
            return null;
        }
    }

    private List<Rendition> renderWithImageIo(InputStream whole, Orientation orientation, List<RenditionSpec> specs) {
        try (ImageInputStream input = ImageIO.createImageInputStream(whole)) {
            if (input == null) {
                throw new RenderException(RenderException.UNSUPPORTED_FORMAT, "no image input stream");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new RenderException(RenderException.UNSUPPORTED_FORMAT, "no ImageIO reader for the data");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                return render(reader, orientation, specs);
            }
            finally {
                reader.dispose();
            }
        }
        catch (IOException e) {
            // closing an in-memory cache; reading the caller's stream has already failed or succeeded
            throw new UncheckedIOException(e);
        }
    }

    private List<Rendition> render(ImageReader reader, Orientation orientation, List<RenditionSpec> specs) {
        int storedWidth;
        int storedHeight;
        try {
            storedWidth = reader.getWidth(0);
            storedHeight = reader.getHeight(0);
        }
        catch (IOException | RuntimeException e) {
            throw new RenderException(RenderException.UNDECODABLE, "unreadable header", e);
        }
        Plan plan = plan(storedWidth, storedHeight, orientation, specs);
        BufferedImage decoded = decode(reader, subsampling(plan.displayWidth(), plan.displayHeight(),
                plan.largestWidth(), plan.largestHeight()));
        return renditions(decoded, plan, orientation, specs);
    }

    /** Checks the declared size before anything is decoded, and fits every spec to the upright picture. */
    private Plan plan(int storedWidth, int storedHeight, Orientation orientation, List<RenditionSpec> specs) {
        if (storedWidth < 1 || storedHeight < 1 || (long) storedWidth * storedHeight > maxPixels) {
            throw new RenderException(RenderException.TOO_MANY_PIXELS,
                    storedWidth + "x" + storedHeight + " exceeds " + maxPixels + " pixels");
        }
        int displayWidth = orientation.transposes() ? storedHeight : storedWidth;
        int displayHeight = orientation.transposes() ? storedWidth : storedHeight;
        List<Size> targets = specs.stream().map(spec -> Size.fit(displayWidth, displayHeight, spec)).toList();
        return new Plan(displayWidth, displayHeight, targets);
    }

    private static List<Rendition> renditions(BufferedImage decoded, Plan plan, Orientation orientation,
            List<RenditionSpec> specs) {
        List<Rendition> renditions = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            RenditionSpec spec = specs.get(i);
            Size target = plan.targets().get(i);
            BufferedImage image = scale(decoded, target, orientation);
            renditions.add(new Rendition(spec.name(), encode(image, spec.jpegQuality()), target.width(),
                    target.height()));
        }
        return renditions;
    }

    /** The smallest n/8 at which TurboJPEG's decoded size still covers the largest target. */
    static int scaleNumerator(Plan plan) {
        for (int num = 1; num < 8; num++) {
            if (TurboJpeg.scaled(plan.displayWidth(), num) >= plan.largestWidth()
                    && TurboJpeg.scaled(plan.displayHeight(), num) >= plan.largestHeight()) {
                return num;
            }
        }
        return 8;
    }

    record Plan(int displayWidth, int displayHeight, List<Size> targets) {

        int largestWidth() {
            return targets.stream().mapToInt(Size::width).max().orElseThrow();
        }

        int largestHeight() {
            return targets.stream().mapToInt(Size::height).max().orElseThrow();
        }
    }

    private static boolean isJpeg(byte[] prefix) {
        return prefix.length >= 3 && (prefix[0] & 0xFF) == 0xFF && (prefix[1] & 0xFF) == 0xD8
                && (prefix[2] & 0xFF) == 0xFF;
    }

    /** The start of a file, or all of it when it fits in {@code max} bytes. */
    record Buffered(byte[] bytes, int length, boolean complete) {

        static Buffered read(byte[] prefix, InputStream rest, int max) {
            // never shorter than the prefix, which may already exceed max
            byte[] buffer = Arrays.copyOf(prefix, Math.max(prefix.length, Math.min(max + 1, 1 << 20)));
            int length = prefix.length;
            try {
                while (length <= max) {
                    if (length == buffer.length) {
                        buffer = Arrays.copyOf(buffer, (int) Math.min(max + 1L, buffer.length * 2L));
                    }
                    int read = rest.read(buffer, length, buffer.length - length);
                    if (read < 0) {
                        return new Buffered(buffer, length, true);
                    }
                    length += read;
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot read the original", e);
            }
            return new Buffered(buffer, length, false);
        }

        InputStream stream() {
            return new ByteArrayInputStream(bytes, 0, length);
        }
    }

    /**
     * The largest step that still decodes at least the largest target: ceil(size / s) >= size / s >= target.
     * ImageIO subsampling drops pixels rather than averaging them, so the smoothing is left to {@link #scale}.
     */
    static int subsampling(int width, int height, int targetWidth, int targetHeight) {
        return Math.max(1, Math.min(width / targetWidth, height / targetHeight));
    }

    private static BufferedImage decode(ImageReader reader, int subsampling) {
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(subsampling, subsampling, 0, 0);
        TruncationWarnings warnings = new TruncationWarnings();
        reader.addIIOReadWarningListener(warnings);
        BufferedImage decoded;
        try {
            decoded = reader.read(0, param);
        }
        catch (IOException | RuntimeException e) {
            // ImageIO plugins signal malformed data with assorted runtime exceptions, not just IIOException
            throw new RenderException(RenderException.UNDECODABLE, "cannot decode image", e);
        }
        if (warnings.truncated) {
            throw new RenderException(RenderException.UNDECODABLE, "image data is truncated");
        }
        return decoded;
    }

    /**
     * Progressive halving with bilinear steps keeps quality close to a proper downsampling filter at a fraction
     * of the cost; the last step also applies the orientation and flattens alpha onto white into sRGB.
     */
    private static BufferedImage scale(BufferedImage source, Size target, Orientation orientation) {
        int storedTargetWidth = orientation.transposes() ? target.height() : target.width();
        int storedTargetHeight = orientation.transposes() ? target.width() : target.height();
        BufferedImage current = source;
        while (current.getWidth() / 2 >= storedTargetWidth && current.getHeight() / 2 >= storedTargetHeight) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2, new AffineTransform());
        }
        AffineTransform transform = orientation.toUpright(target.width(), target.height());
        return draw(current, storedTargetWidth, storedTargetHeight, transform, target.width(), target.height());
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, AffineTransform orient) {
        return draw(source, width, height, orient, width, height);
    }

    /** Draws {@code source} scaled to {@code width} × {@code height}, then through {@code orient}. */
    private static BufferedImage draw(BufferedImage source, int width, int height, AffineTransform orient,
            int outWidth, int outHeight) {
        BufferedImage out = new BufferedImage(outWidth, outHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, outWidth, outHeight);
            AffineTransform transform = new AffineTransform(orient);
            transform.scale((double) width / source.getWidth(), (double) height / source.getHeight());
            g.drawImage(source, transform, null);
        }
        finally {
            g.dispose();
        }
        return out;
    }

    /** A fresh image written without metadata gets a bare JFIF header: no EXIF, GPS or maker notes leak. */
    // a rendition is at most 1600×1600: its encoded JPEG is small and bounded, so it is held whole
    private static byte[] encode(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(output);
            writer.write(null, new IIOImage(image, null, null), param);
        }
        catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding into memory failed", e);
        }
        finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static byte[] readPrefix(InputStream original) {
        try {
            return original.readNBytes(EXIF_PREFIX_BYTES);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the original", e);
        }
    }

    record Size(int width, int height) {

        static Size fit(int width, int height, RenditionSpec spec) {
            double scale = Math.min(1.0, Math.min((double) spec.maxWidth() / width,
                    (double) spec.maxHeight() / height));
            return new Size(Math.max(1, (int) Math.round(width * scale)),
                    Math.max(1, (int) Math.round(height * scale)));
        }
    }

    /**
     * The JPEG reader only warns on a missing end of data and fills the rest with grey; a half-grey thumbnail
     * of a failed upload is worse than none.
     */
    private static final class TruncationWarnings implements IIOReadWarningListener {

        private boolean truncated;

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            String message = warning.toLowerCase(Locale.ROOT);
            if (message.contains("premature end") || message.contains("truncated")) {
                truncated = true;
            }
        }
    }

    /** EXIF orientation 1–8: how the stored rows and columns map onto the upright picture. */
    enum Orientation {
        NORMAL, FLIP_HORIZONTAL, ROTATE_180, FLIP_VERTICAL, TRANSPOSE, ROTATE_90_CW, TRANSVERSE, ROTATE_90_CCW;

        static Orientation of(int exifValue) {
            return exifValue >= 1 && exifValue <= 8 ? values()[exifValue - 1] : NORMAL;
        }

        /** A missing or unparseable tag means "as stored", which is what every viewer does too. */
        static Orientation read(byte[] prefix) {
            try {
                Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(prefix));
                @Nullable ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
                @Nullable Integer value = exif == null ? null : exif.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
                return value == null ? NORMAL : of(value);
            }
            catch (ImageProcessingException | IOException | RuntimeException e) {
                // a truncated prefix or odd metadata must not stop the render; the decoder judges the pixels
                return NORMAL;
            }
        }

        boolean transposes() {
            return ordinal() >= TRANSPOSE.ordinal();
        }

        /** Maps stored coordinates (already scaled) onto an upright canvas of {@code width} × {@code height}. */
        AffineTransform toUpright(int width, int height) {
            return switch (this) {
                case NORMAL -> new AffineTransform();
                case FLIP_HORIZONTAL -> new AffineTransform(-1, 0, 0, 1, width, 0);
                case ROTATE_180 -> new AffineTransform(-1, 0, 0, -1, width, height);
                case FLIP_VERTICAL -> new AffineTransform(1, 0, 0, -1, 0, height);
                case TRANSPOSE -> new AffineTransform(0, 1, 1, 0, 0, 0);
                case ROTATE_90_CW -> new AffineTransform(0, 1, -1, 0, width, 0);
                case TRANSVERSE -> new AffineTransform(0, -1, -1, 0, width, height);
                case ROTATE_90_CCW -> new AffineTransform(0, -1, 1, 0, 0, height);
            };
        }
    }
}
