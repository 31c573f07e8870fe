package com.cloudalbum.thumbnail.rendition;

/** A rendition written to the bucket: what the Photo item records about it. */
public record StoredRendition(String name, String key, int width, int height, long bytes) {
}
