package com.cloudalbum.photo.album;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.cloudalbum.common.test.MutableClock;
import com.cloudalbum.photo.catalog.PhotoRecord;
import org.junit.jupiter.api.Test;

/** Signing windows with a clock the test moves; a fake signer records what it was asked to sign. */
class PhotoUrlsTest {

    static final Duration WINDOW = Duration.ofHours(1);
    static final Duration MINIMUM_LIFE = Duration.ofMinutes(15);

    MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
    RecordingSigner signer = new RecordingSigner();

    PhotoUrls urls(long cacheSize) {
        return new PhotoUrls(signer, MINIMUM_LIFE, new SignedUrlProperties(WINDOW, cacheSize), clock);
    }

    @Test
    void url_withinOneWindow_isTheSameAndSignedOnce() {
        PhotoUrls urls = urls(100);
        String first = urls.url("photos/u/p/thumbnail.jpg");
        clock.advance(Duration.ofMinutes(59));

        assertThat(urls.url("photos/u/p/thumbnail.jpg")).isEqualTo(first);
        assertThat(signer.signed).hasSize(1);
    }

    @Test
    void url_inTheNextWindow_isSignedAgainAsOfThatWindow() {
        PhotoUrls urls = urls(100);
        String first = urls.url("photos/u/p/thumbnail.jpg");
        clock.advance(Duration.ofMinutes(60));

        assertThat(urls.url("photos/u/p/thumbnail.jpg")).isNotEqualTo(first);
        assertThat(signer.signed).extracting(Signature::signedAt)
                .containsExactly(Instant.parse("2026-11-30T10:00:00Z"), Instant.parse("2026-11-30T11:00:00Z"));
    }

    @Test
    void url_signedAtAnyMomentOfTheWindow_leavesAtLeastTheMinimumLife() {
        PhotoUrls urls = urls(100);
        for (int minute = 0; minute < 120; minute += 7) {
            clock.set(Instant.parse("2026-11-30T10:00:00Z").plus(Duration.ofMinutes(minute)).plusMillis(999));
            urls.url("photos/u/p" + minute + "/thumbnail.jpg");
            Signature last = signer.signed.get(signer.signed.size() - 1);

            assertThat(last.signedAt()).isBeforeOrEqualTo(clock.instant());
            assertThat(last.signedAt().plus(last.validFor())).isAfterOrEqualTo(clock.instant().plus(MINIMUM_LIFE));
        }
    }

    @Test
    void url_ofManyKeys_keepsTheCacheBounded() {
        PhotoUrls urls = urls(10);
        for (int i = 0; i < 500; i++) {
            urls.url("photos/u/p" + i + "/thumbnail.jpg");
        }

        assertThat(urls.cachedSignatures()).isLessThanOrEqualTo(10);
    }

    @Test
    void url_afterTheCredentialsRotated_isSignedAgain() {
        PhotoUrls urls = urls(100);
        String first = urls.url("photos/u/p/thumbnail.jpg");
        signer.id = "AKIA-ROTATED";

        assertThat(urls.url("photos/u/p/thumbnail.jpg")).isNotEqualTo(first);
    }

    @Test
    void listed_carriesOnlyTheThumbnail_andOf_carriesEveryUrl() {
        PhotoUrls urls = urls(100);
        PhotoRecord photo = readyPhoto();

        assertThat(urls.listed(photo).byName()).containsOnlyKeys("thumbnail");
        assertThat(urls.of(photo).byName()).containsOnlyKeys("thumbnail", "preview", "original");
        assertThat(urls.of(photo).byName().get("thumbnail")).isEqualTo(urls.listed(photo).byName().get("thumbnail"));
    }

    @Test
    void of_whenRenditionsHaveWebp_signsBothFormats_andListedCarriesTheWebpThumbnail() {
        PhotoUrls urls = urls(100);
        Instant at = Instant.parse("2026-11-29T10:00:00Z");
        PhotoRecord photo = new PhotoRecord("u", "p", "READY", "photos/u/p/original", 1, "image/heic", "a.heic", List.of(), null,
                null, PhotoRecord.Capture.unknown(), at, at,
                new PhotoRecord.Rendition("photos/u/p/thumbnail.jpg", 400, 300, "photos/u/p/thumbnail.webp"),
                new PhotoRecord.Rendition("photos/u/p/preview.jpg", 1600, 1200, "photos/u/p/preview.webp"), null);

        assertThat(urls.of(photo).byName()).containsOnlyKeys("thumbnail", "thumbnailWebp", "preview", "previewWebp", "original");
        assertThat(urls.of(photo).byName().get("previewWebp")).contains("photos/u/p/preview.webp");
        assertThat(urls.listed(photo).byName()).containsOnlyKeys("thumbnail", "thumbnailWebp");
    }

    static PhotoRecord readyPhoto() {
        Instant at = Instant.parse("2026-11-29T10:00:00Z");
        return new PhotoRecord("u", "p", "READY", "photos/u/p/original", 1000, "image/jpeg", "a.jpg", List.of(), null, null,
                PhotoRecord.Capture.unknown(), at, at, new PhotoRecord.Rendition("photos/u/p/thumbnail.jpg", 256, 192),
                new PhotoRecord.Rendition("photos/u/p/preview.jpg", 1280, 960), null);
    }

    record Signature(String key, Instant signedAt, Duration validFor) {
    }

    static final class RecordingSigner implements UrlSigner {

        final List<Signature> signed = new ArrayList<>();
        String id = "AKIA-TEST";

        @Override
        public String sign(String key, Instant signedAt, Duration validFor) {
            signed.add(new Signature(key, signedAt, validFor));
            return "https://s3/" + key + "?X-Amz-Date=" + signedAt + "&X-Amz-Expires=" + validFor.toSeconds() + "&by=" + id;
        }

        @Override
        public String signerId() {
            return id;
        }
    }
}
