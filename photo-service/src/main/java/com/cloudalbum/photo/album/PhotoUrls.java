package com.cloudalbum.photo.album;

import com.cloudalbum.photo.catalog.PhotoRecord;
import com.cloudalbum.photo.config.PhotoProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigned GET URLs from the one shared presigner. Signing is local computation (no network), so
 * it runs inline.
 */
@Component
public class PhotoUrls {

    private final S3Presigner presigner;
    private final PhotoProperties properties;

    PhotoUrls(S3Presigner presigner, PhotoProperties properties) {
        this.presigner = presigner;
        this.properties = properties;
    }

    public PhotoView.Urls of(PhotoRecord photo) {
        PhotoRecord.Rendition thumbnail = photo.thumbnail();
        PhotoRecord.Rendition preview = photo.preview();
        return new PhotoView.Urls(url(photo.originalKey()), thumbnail == null ? null : url(thumbnail.key()),
                preview == null ? null : url(preview.key()), webpUrl(thumbnail), webpUrl(preview));
    }

    private @Nullable String webpUrl(PhotoRecord.@Nullable Rendition rendition) {
        return rendition == null || rendition.webpKey() == null ? null : url(rendition.webpKey());
    }

    public String url(String key) {
        return presigner.presignGetObject(r -> r
                        .signatureDuration(properties.presignedUrlExpiry())
                        .getObjectRequest(get -> get.bucket(properties.bucket()).key(key)))
                .url().toString();
    }
}
