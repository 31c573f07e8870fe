package com.cloudalbum.thumbnail.render;

/**
 * One encoded rendition. {@code jpeg} is the caller's to keep (not copied); like any array component it takes
 * no part in {@code equals}/{@code hashCode} beyond identity.
 */
public record Rendition(String name, byte[] jpeg, int width, int height) {
}
