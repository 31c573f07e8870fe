package com.cloudalbum.thumbnail.render;

/**
 * What to make: the image is scaled to fit inside {@code maxWidth} × {@code maxHeight} (aspect kept, never
 * upscaled) and written as JPEG at {@code jpegQuality} (0..1) and, where libwebp is present, as lossy WebP at
 * {@code webpQuality} (0..100, libwebp's scale).
 */
public record RenditionSpec(String name, int maxWidth, int maxHeight, float jpegQuality, float webpQuality) {

    /**
     * WebP at q 80 (cwebp's default is 75). Not SSIM-matched to the JPEGs: on the benchmark's synthetic photos
     * the matched WebP is larger, on screenshots two thirds smaller (root README, Thumbnails, "WebP size at
     * matched quality", with how to rerun it on real photos).
     */
    public static final RenditionSpec THUMBNAIL = new RenditionSpec("thumbnail", 400, 400, 0.82f, 80f);

    public static final RenditionSpec PREVIEW = new RenditionSpec("preview", 1600, 1600, 0.85f, 80f);

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
        if (!(webpQuality >= 0f && webpQuality <= 100f)) {
            throw new IllegalArgumentException("webpQuality must be in [0, 100]: " + webpQuality);
        }
    }

    /** JPEG only, WebP at a default quality. */
    public RenditionSpec(String name, int maxWidth, int maxHeight, float jpegQuality) {
        this(name, maxWidth, maxHeight, jpegQuality, 80f);
    }
}
