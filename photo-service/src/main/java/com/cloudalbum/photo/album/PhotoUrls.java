package com.cloudalbum.photo.album;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.cloudalbum.photo.catalog.PhotoRecord;
import com.cloudalbum.photo.config.PhotoProperties;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Presigned GET URLs that browsers and caches can keep: signed as of the start of the current window
 * ({@code album.photo.signed-urls.window}, 1 h), so one object has one URL per window, on every instance,
 * and valid for the window plus {@code album.photo.presigned-url-expiry}, so a URL handed out has at least
 * that much life left. The signatures of the current window are cached (bounded): a page signs only what
 * it has not signed this window.
 */
@Component
public class PhotoUrls {

    /**
     * Each URL a photo can carry: its name under {@code urls}, its key if the photo has it, and whether a page
     * of the album shows it. A new rendition is one line here.
     */
    private static final List<Signed> RENDITIONS = List.of(
            new Signed("thumbnail", true, photo -> key(photo.thumbnail())),
            new Signed("thumbnailWebp", true, photo -> webpKey(photo.thumbnail())),
            new Signed("preview", false, photo -> key(photo.preview())),
            new Signed("previewWebp", false, photo -> webpKey(photo.preview())),
            new Signed("original", false, PhotoRecord::originalKey));

    private final UrlSigner signer;
    private final Clock clock;
    private final Duration window;
    private final Duration validFor;
    private final Cache<CacheKey, String> signatures;

    @Autowired
    PhotoUrls(UrlSigner signer, PhotoProperties photo, SignedUrlProperties properties, Clock clock) {
        this(signer, photo.presignedUrlExpiry(), properties, clock);
    }

    PhotoUrls(UrlSigner signer, Duration minimumLife, SignedUrlProperties properties, Clock clock) {
        if (properties.window().isNegative() || properties.window().isZero()
                || properties.window().plus(minimumLife).compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("window must be positive and window + minimum life at most 7 days (SigV4's limit)");
        }
        this.signer = signer;
        this.clock = clock;
        this.window = properties.window();
        this.validFor = properties.window().plus(minimumLife);
        this.signatures = Caffeine.newBuilder()
                .maximumSize(properties.cacheSize())
                // an entry of a past window is never asked for again (the window is part of the key)
                .expireAfterWrite(properties.window())
                .build();
    }

    /** All URLs of a photo: for the photo's own resource. */
    public PhotoView.Urls of(PhotoRecord photo) {
        return urls(photo, false);
    }

    /** Only what a page of the album shows (the thumbnail). */
    public PhotoView.Urls listed(PhotoRecord photo) {
        return urls(photo, true);
    }

    public String url(String key) {
        Instant windowStart = windowStart();
        return signatures.get(new CacheKey(key, windowStart, signer.signerId()),
                k -> signer.sign(k.key(), k.windowStart(), validFor));
    }

    long cachedSignatures() {
        signatures.cleanUp();
        return signatures.estimatedSize();
    }

    private PhotoView.Urls urls(PhotoRecord photo, boolean listedOnly) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (Signed rendition : RENDITIONS) {
            String key = listedOnly && !rendition.listed() ? null : rendition.key().apply(photo);
            if (key != null) {
                urls.put(rendition.name(), url(key));
            }
        }
        return new PhotoView.Urls(urls);
    }

    private Instant windowStart() {
        long millis = clock.millis();
        return Instant.ofEpochMilli(millis - Math.floorMod(millis, window.toMillis()));
    }

    private static @Nullable String key(PhotoRecord.@Nullable Rendition rendition) {
        return rendition == null ? null : rendition.key();
    }

    private static @Nullable String webpKey(PhotoRecord.@Nullable Rendition rendition) {
        return rendition == null ? null : rendition.webpKey();
    }

    private record Signed(String name, boolean listed, Function<PhotoRecord, @Nullable String> key) {
    }

    private record CacheKey(String key, Instant windowStart, String signerId) {
    }
}
