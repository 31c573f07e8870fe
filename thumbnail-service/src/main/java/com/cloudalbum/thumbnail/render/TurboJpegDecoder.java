package com.cloudalbum.thumbnail.render;

import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

/**
 * JPEGs up to {@code maxBufferedBytes}, read whole and decoded by libjpeg-turbo at the smallest n/8 scale that
 * covers the largest target. Declines what TurboJPEG cannot convert (CMYK, corrupt or truncated data, larger
 * files), which then streams through ImageIO.
 */
final class TurboJpegDecoder implements Decoder {

    static final String NAME = "turbojpeg";

    private final int maxBufferedBytes;

    TurboJpegDecoder(int maxBufferedBytes) {
        if (!TurboJpeg.available()) {
            throw new IllegalStateException("TurboJPEG is unavailable: " + TurboJpeg.unavailable());
        }
        this.maxBufferedBytes = maxBufferedBytes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public @Nullable Decoded decode(Original original, BiFunction<Size, Orientation, Plan> planner) {
        if (!original.buffer(maxBufferedBytes)) {
            return null;
        }
        try (TurboJpeg jpeg = new TurboJpeg(original.bytes(), original.length())) {
            Plan plan = planner.apply(new Size(jpeg.width(), jpeg.height()), Orientation.read(original.prefix()));
            if (!jpeg.convertibleToRgb()) {
                return null;
            }
            return new Decoded(jpeg.decode(scaleNumerator(plan)), plan);
        }
        catch (TurboJpeg.Failure e) {
            return null;
        }
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
}
