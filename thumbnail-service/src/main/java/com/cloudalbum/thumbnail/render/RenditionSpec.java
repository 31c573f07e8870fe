package com.cloudalbum.thumbnail.render;

/**
 * What to make: the image is scaled to fit inside {@code maxWidth} × {@code maxHeight} (aspect kept, never
 * upscaled) and written as JPEG at {@code jpegQuality} (0..1).
 */
public record RenditionSpec(String name, int maxWidth, int maxHeight, float jpegQuality) {

    public static final RenditionSpec THUMBNAIL = new RenditionSpec("thumbnail", 400, 400, 0.82f);

    public static final RenditionSpec PREVIEW = new RenditionSpec("preview", 1600, 1600, 0.85f);

    public RenditionSpec {
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (maxWidth < 1 || maxHeight < 1) {
            throw new IllegalArgumentException("box must be at least 1x1: " + maxWidth + "x" + maxHeight);
        }
        if (!(jpegQuality >= 0f && jpegQuality <= 1f)) {
            throw new IllegalArgumentException("jpegQuality must be in [0, 1]: " + jpegQuality);
        }
    }
}
