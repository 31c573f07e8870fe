package com.cloudalbum.thumbnail.render;

/**
 * One encoded rendition of a spec in one format. {@code bytes} is the caller's to keep (not copied); like any
 * array component it takes no part in {@code equals}/{@code hashCode} beyond identity.
 */
public record Rendition(String spec, RenditionFormat format, byte[] bytes, int width, int height) {

    /**
     * The name the Photo item records it under: the spec's name for the JPEG ({@code thumbnail}), with the format
     * appended for others ({@code thumbnail_webp}).
     */
    public String name() {
        return format == RenditionFormat.JPEG ? spec : spec + "_" + format.extension();
    }

    /** Its object's name beside the original: {@code thumbnail.jpg}, {@code thumbnail.webp}. */
    public String fileName() {
        return spec + "." + format.extension();
    }
}
