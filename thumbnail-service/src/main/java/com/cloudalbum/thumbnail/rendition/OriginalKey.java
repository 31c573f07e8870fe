package com.cloudalbum.thumbnail.rendition;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Where photo-service stores an original: {@code photos/{userId}/{photoId}/original}. Renditions live under the
 * same prefix with other names, so events for them never parse as an original and never retrigger the pipeline.
 */
public record OriginalKey(String userId, String photoId) {

    private static final Pattern KEY = Pattern.compile("photos/([^/]+)/([^/]+)/original");

    /** The original's key parts, or null for anything else in the bucket. */
    public static @Nullable OriginalKey parse(String key) {
        Matcher matcher = KEY.matcher(key);
        return matcher.matches() ? new OriginalKey(matcher.group(1), matcher.group(2)) : null;
    }

    public String value() {
        return prefix() + "original";
    }

    /**
     * Same photo, same name, same key: a second delivery overwrites rather than adds. {@code fileName} with its
     * extension ({@code thumbnail.webp}); a bare name means the JPEG ({@code thumbnail} → {@code thumbnail.jpg}).
     */
    public String rendition(String fileName) {
        return prefix() + (fileName.contains(".") ? fileName : fileName + ".jpg");
    }

    private String prefix() {
        return "photos/" + userId + "/" + photoId + "/";
    }
}
