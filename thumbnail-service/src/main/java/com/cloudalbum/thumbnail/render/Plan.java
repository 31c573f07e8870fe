package com.cloudalbum.thumbnail.render;

import java.util.List;

/**
 * What one original becomes: its upright size, how its stored pixels turn upright, and one target per spec. Made
 * from the header alone, before any pixel is decoded, so a decoder can pick its scale from it.
 */
record Plan(int displayWidth, int displayHeight, Orientation orientation, List<Size> targets) {

    /**
     * Checks the declared size against the pixel budget and fits every spec to the upright picture.
     *
     * @throws RenderException too-many-pixels when {@code storedWidth × storedHeight} exceeds {@code maxPixels}
     */
    static Plan of(int storedWidth, int storedHeight, Orientation orientation, List<RenditionSpec> specs,
            long maxPixels) {
        if (storedWidth < 1 || storedHeight < 1 || (long) storedWidth * storedHeight > maxPixels) {
            throw new RenderException(RenderException.TOO_MANY_PIXELS,
                    storedWidth + "x" + storedHeight + " exceeds " + maxPixels + " pixels");
        }
        int displayWidth = orientation.transposes() ? storedHeight : storedWidth;
        int displayHeight = orientation.transposes() ? storedWidth : storedHeight;
        List<Size> targets = specs.stream().map(spec -> Size.fit(displayWidth, displayHeight, spec)).toList();
        return new Plan(displayWidth, displayHeight, orientation, targets);
    }

    int largestWidth() {
        return targets.stream().mapToInt(Size::width).max().orElseThrow();
    }

    int largestHeight() {
        return targets.stream().mapToInt(Size::height).max().orElseThrow();
    }

    /**
     * The largest whole step that still leaves at least the largest target: ceil(size / s) >= size / s >= target.
     * Decoders without scaled decoding shrink by it while copying pixels out.
     */
    int reduction() {
        return Math.max(1, Math.min(displayWidth / largestWidth(), displayHeight / largestHeight()));
    }
}
