package com.cloudalbum.thumbnail.render;

/** How a rendition is encoded: its file extension and content type. */
public enum RenditionFormat {
    JPEG("jpg", "image/jpeg"),
    WEBP("webp", "image/webp");

    private final String extension;
    private final String contentType;

    RenditionFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }
}
