package com.cloudalbum.thumbnail.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.BiFunction;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Whatever the JDK's ImageIO reads (JPEG, PNG, GIF's first frame, BMP) plus WebP through TwelveMonkeys' plugin,
 * streamed: ImageIO's cache holds what it has read, the rest stays in the caller's stream. Subsamples so the
 * decoded image is only as large as the largest target needs.
 */
final class ImageIoDecoder implements Decoder {

    static final String NAME = "imageio";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decoded decode(Original original, BiFunction<Size, Orientation, Plan> planner) {
        Orientation orientation = Orientation.read(original.prefix());
        // the caller's stream is the caller's to close
        try (ImageInputStream input = ImageIO.createImageInputStream(original.stream())) {
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
                Plan plan = planner.apply(header(reader), orientation);
                return new Decoded(read(reader, plan.reduction()), plan);
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

    private static Size header(ImageReader reader) {
        try {
            return new Size(reader.getWidth(0), reader.getHeight(0));
        }
        catch (IOException | RuntimeException e) {
            throw new RenderException(RenderException.UNDECODABLE, "unreadable header", e);
        }
    }

    /** ImageIO subsampling drops pixels rather than averaging them; {@link Scaler} smooths afterwards. */
    private static BufferedImage read(ImageReader reader, int subsampling) {
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
}
