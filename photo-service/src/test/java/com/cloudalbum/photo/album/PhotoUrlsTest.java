package com.cloudalbum.photo.album;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.cloudalbum.photo.catalog.PhotoRecord;
import com.cloudalbum.photo.config.PhotoProperties;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Presigning is local computation, so a real presigner with fixed credentials runs here without a network. */
class PhotoUrlsTest {

    private final PhotoUrls urls = new PhotoUrls(S3Presigner.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create("http://localhost:9090"))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build(),
            new PhotoProperties("bucket", "Photo", "photo-geo-index", DataSize.ofMegabytes(50), Duration.ofMinutes(15),
                    "x".repeat(32), 0, Duration.ofSeconds(120)));

    @Test
    void of_whenRenditionsHaveWebp_signsBothFormats() {
        PhotoView.Urls signed = urls.of(ready(new PhotoRecord.Rendition("photos/u/p/thumbnail.jpg", 400, 300,
                "photos/u/p/thumbnail.webp"), new PhotoRecord.Rendition("photos/u/p/preview.jpg", 1600, 1200,
                "photos/u/p/preview.webp")));

        assertThat(signed.thumbnail()).contains("/photos/u/p/thumbnail.jpg?");
        assertThat(signed.thumbnailWebp()).contains("/photos/u/p/thumbnail.webp?");
        assertThat(signed.previewWebp()).contains("/photos/u/p/preview.webp?");
    }

    @Test
    void of_whenJpegOnly_hasNoWebpUrls() {
        PhotoView.Urls signed = urls.of(ready(new PhotoRecord.Rendition("photos/u/p/thumbnail.jpg", 400, 300),
                new PhotoRecord.Rendition("photos/u/p/preview.jpg", 1600, 1200)));

        assertThat(signed.preview()).contains("/photos/u/p/preview.jpg?");
        assertThat(signed.thumbnailWebp()).isNull();
        assertThat(signed.previewWebp()).isNull();
    }

    private static PhotoRecord ready(PhotoRecord.Rendition thumbnail, PhotoRecord.Rendition preview) {
        Instant now = Instant.now();
        return new PhotoRecord("u", "p", PhotoRecord.READY, "photos/u/p/original", 1, "image/heic", "a.heic", List.of(),
                null, null, PhotoRecord.Capture.unknown(), now, now, thumbnail, preview, null);
    }
}
