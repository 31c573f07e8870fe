package com.cloudalbum.contract.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhotoKeyTest {

    @Test
    void parseOriginal_whenOriginalKey_returnsItsParts() {
        assertThat(PhotoKey.parseOriginal("photos/u-1/01J00/original")).isEqualTo(new PhotoKey("u-1", "01J00"));
    }

    @Test
    void parseOriginal_whenRenditionOrOtherKey_returnsNull() {
        assertThat(PhotoKey.parseOriginal("photos/u-1/01J00/thumbnail.jpg")).isNull();
        assertThat(PhotoKey.parseOriginal("bench/u-1/01J00/original")).isNull();
        assertThat(PhotoKey.parseOriginal("photos/u-1/a/b/original")).isNull();
    }

    @Test
    void parseAny_whenRendition_returnsItsPhoto() {
        assertThat(PhotoKey.parseAny("photos/u-1/01J00/preview.webp")).isEqualTo(new PhotoKey("u-1", "01J00"));
        assertThat(PhotoKey.parseAny("photos/u-1/01J00")).isNull();
    }

    @Test
    void keys_shareThePhotosPrefix() {
        PhotoKey key = new PhotoKey("u-1", "01J00");

        assertThat(key.original()).isEqualTo("photos/u-1/01J00/original");
        assertThat(key.rendition("thumbnail.jpg")).isEqualTo("photos/u-1/01J00/thumbnail.jpg");
        assertThat(key.prefix()).startsWith(PhotoKey.PREFIX);
    }

    @Test
    void new_whenIdHoldsSlash_throws() {
        assertThatThrownBy(() -> new PhotoKey("u/1", "p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PhotoKey("u", "p").rendition("original")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void status_visibleAndRenderable_followTheLifecycle() {
        assertThat(PhotoStatus.UPLOADING.visible()).isFalse();
        assertThat(PhotoStatus.DELETING.visible()).isFalse();
        assertThat(PhotoStatus.PROCESSING.renderable()).isTrue();
        assertThat(PhotoStatus.READY.renderable()).isFalse();
        assertThat(FailureReason.fromCode("too-many-pixels")).isEqualTo(FailureReason.TOO_MANY_PIXELS);
        assertThat(FailureReason.TOO_MANY_PIXELS.permanent()).isTrue();
    }
}
