package com.cloudalbum.contract.photo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Where a photo's objects live: {@code photos/{userId}/{photoId}/original} and its renditions next to it
 * ({@code photos/{userId}/{photoId}/thumbnail.jpg}, …). Only the original's key parses as an original, so events
 * for renditions never retrigger the pipeline.
 */
public record PhotoKey(String userId, String photoId) {

    /** Every object of every photo lives under this prefix (bucket notifications and IAM grants use it). */
    public static final String PREFIX = "photos/";
    public static final String ORIGINAL = "original";
    private static final Pattern ORIGINAL_KEY = Pattern.compile("photos/([^/]+)/([^/]+)/original");
    private static final Pattern ANY_KEY = Pattern.compile("photos/([^/]+)/([^/]+)/[^/]+");

    public PhotoKey {
        if (userId.isEmpty() || photoId.isEmpty() || userId.contains("/") || photoId.contains("/")) {
            throw new IllegalArgumentException("user and photo ids must be non-empty and contain no '/'");
        }
    }

    /** The original's key parts, or null for anything else in the bucket. */
    public static @Nullable PhotoKey parseOriginal(String key) {
        Matcher matcher = ORIGINAL_KEY.matcher(key);
        return matcher.matches() ? new PhotoKey(matcher.group(1), matcher.group(2)) : null;
    }

    /** The photo any object under {@code photos/} belongs to (original or rendition), or null. */
    public static @Nullable PhotoKey parseAny(String key) {
        Matcher matcher = ANY_KEY.matcher(key);
        return matcher.matches() ? new PhotoKey(matcher.group(1), matcher.group(2)) : null;
    }

    /** All of this photo's objects share this prefix. */
    public String prefix() {
        return PREFIX + userId + "/" + photoId + "/";
    }

    public String original() {
        return prefix() + ORIGINAL;
    }

    /** A rendition's key: the same name for the same photo, so a second delivery overwrites rather than adds. */
    public String rendition(String fileName) {
        if (fileName.equals(ORIGINAL) || fileName.contains("/")) {
            throw new IllegalArgumentException("not a rendition name: " + fileName);
        }
        return prefix() + fileName;
    }
}
