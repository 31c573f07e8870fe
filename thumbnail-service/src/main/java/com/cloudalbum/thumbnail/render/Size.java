package com.cloudalbum.thumbnail.render;

/** A width × height in pixels. */
record Size(int width, int height) {

    /** The largest size inside the spec's box with this aspect ratio, never larger than itself. */
    static Size fit(int width, int height, RenditionSpec spec) {
        double scale = Math.min(1.0, Math.min((double) spec.maxWidth() / width, (double) spec.maxHeight() / height));
        return new Size(Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale)));
    }
}
