package com.cloudalbum.thumbnail.render;

import static com.cloudalbum.thumbnail.render.HeifPictures.*;
import static com.cloudalbum.thumbnail.render.RenditionSpec.PREVIEW;
import static com.cloudalbum.thumbnail.render.RenditionSpec.THUMBNAIL;
import static com.cloudalbum.thumbnail.render.TestPictures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HEIC and AVIF through libheif, with files heif-enc makes from pictures whose pixels tell what went wrong. */
class HeifRendererTest {

    final Renderer renderer = new Renderer();

    /**
     * heif-enc keeps the JPEG's EXIF (orientation included) and records the same rotation as irot/imir; the
     * rendition is upright only if it is applied exactly once.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 6, 8})
    void render_whenHeicWithOrientation_returnsUprightRenditionsWithoutMetadata(int orientation) {
        byte[] heic = heifEnc(withExifOrientation(jpeg(stored(marker(1200, 800), orientation)), orientation), "jpg",
                "heic");
        assertThat(containsExif(heic)).as("heif-enc kept the EXIF").isTrue();

        List<Rendition> renditions = renderer.render(new ByteArrayInputStream(heic), heic.length,
                List.of(THUMBNAIL, PREVIEW));

        assertThat(renderer.decodes(HeifDecoder.NAME)).isEqualTo(1);
        assertThat(renditions).extracting(Rendition::fileName)
                .containsExactly("thumbnail.jpg", "thumbnail.webp", "preview.jpg", "preview.webp");
        for (Rendition rendition : renditions) {
            assertThat(containsExif(rendition.bytes())).as("%s carries no EXIF", rendition.fileName()).isFalse();
            assertUprightMarker(rendition, rendition.spec().equals("thumbnail") ? 400 : 1200,
                    rendition.spec().equals("thumbnail") ? 267 : 800);
        }
    }

    @Test
    void render_whenAvif_returnsUprightRendition() {
        byte[] avif = heifEnc(withExifOrientation(jpeg(stored(marker(600, 400), 6)), 6), "jpg", "avif",
                "-p", "speed=9");
        assertThat(Renderer.isHeif(avif)).isTrue();

        List<Rendition> renditions = renderer.render(new ByteArrayInputStream(avif), List.of(THUMBNAIL));

        assertThat(renderer.decodes(HeifDecoder.NAME)).isEqualTo(1);
        assertThat(renditions).allSatisfy(rendition -> assertUprightMarker(rendition, 400, 267));
    }

    @Test
    void render_whenTenBitHeic_returnsEightBitSrgbColours() {
        byte[] heic = heifEnc(png16(marker(800, 600)), "png", "heic", "-b", "10");

        Rendition thumbnail = renderer.render(new ByteArrayInputStream(heic), List.of(THUMBNAIL)).get(0);

        assertUprightMarker(thumbnail, 400, 300);
    }

    @Test
    void render_whenHeicDeclaresHugeImage_failsWithTooManyPixelsBeforeDecoding() {
        byte[] bomb = withIspe(heifEnc(jpeg(marker(640, 480)), "jpg", "heic"), 20_000, 20_000);

        assertThatThrownBy(() -> renderer.render(new ByteArrayInputStream(bomb), List.of(THUMBNAIL)))
                .isInstanceOfSatisfying(RenderException.class,
                        e -> assertThat(e.reason()).isEqualTo("too-many-pixels"));
        assertThat(renderer.decodes(HeifDecoder.NAME)).isZero();
    }

    @Test
    void render_whenHeicAndNoLibheif_failsAsUnsupportedFormat() {
        byte[] heic = heifEnc(jpeg(marker(640, 480)), "jpg", "heic");
        Renderer withoutLibheif = new Renderer(Renderer.DEFAULT_MAX_PIXELS,
                EnumSet.of(NativeLibrary.TURBOJPEG, NativeLibrary.LIBWEBP), Renderer.DEFAULT_MAX_BUFFERED_BYTES);

        assertThatThrownBy(() -> withoutLibheif.render(new ByteArrayInputStream(heic), List.of(THUMBNAIL)))
                .isInstanceOfSatisfying(RenderException.class,
                        e -> assertThat(e.reason()).isEqualTo("unsupported-format"));
        assertThat(withoutLibheif.formats()).contains("NOT HEIC/AVIF");
    }

    @Test
    void render_whenHeicLargerThanTheBuffer_failsBeforeDecoding() {
        byte[] heic = heifEnc(jpeg(noise(640, 480)), "jpg", "heic");
        Renderer smallBuffer = new Renderer(Renderer.DEFAULT_MAX_PIXELS, NativeLibrary.present(), heic.length - 1);

        assertThatThrownBy(() -> smallBuffer.render(new ByteArrayInputStream(heic), heic.length, List.of(THUMBNAIL)))
                .isInstanceOf(RenderException.class);
        assertThat(smallBuffer.decodes(HeifDecoder.NAME)).isZero();
    }

    @Test
    void formats_onThisMachine_namesHeicAvifAndWebp() {
        assertThat(renderer.formats()).contains("HEIC and AVIF (libheif 1.").contains("JPEG and WebP (libwebp");
    }

    /** Red top left, green top right, blue below, at the expected size. */
    private static void assertUprightMarker(Rendition rendition, int width, int height) {
        BufferedImage image = RendererTest.decode(rendition);
        String name = rendition.fileName();
        assertThat(new int[] {image.getWidth(), image.getHeight()}).as(name).containsExactly(width, height);
        int w = image.getWidth();
        int h = image.getHeight();
        assertThat(isNear(image.getRGB(w / 4, h / 4) & 0xffffff, RED)).as("%s top left", name).isTrue();
        assertThat(isNear(image.getRGB(3 * w / 4, h / 4) & 0xffffff, GREEN)).as("%s top right", name).isTrue();
        assertThat(isNear(image.getRGB(w / 4, 3 * h / 4) & 0xffffff, BLUE)).as("%s bottom left", name).isTrue();
        assertThat(isNear(image.getRGB(3 * w / 4, 3 * h / 4) & 0xffffff, BLUE)).as("%s bottom right", name).isTrue();
    }

    @Test
    void hasTransformBox_whenMetaHoldsIrot_isTrueAndOtherwiseFalse() {
        byte[] ftyp = {0, 0, 0, 16, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0};
        byte[] metaWithIrot = {0, 0, 0, 29, 'm', 'e', 't', 'a', 0, 0, 0, 0, 0, 0, 0, 17, 'i', 'p', 'c', 'o',
                0, 0, 0, 9, 'i', 'r', 'o', 't', 1};
        byte[] metaWithout = metaWithIrot.clone();
        metaWithout[24] = 'x';
        byte[] irotInMdatOnly = concat(ftyp, metaWithout, new byte[] {0, 0, 0, 17, 'm', 'd', 'a', 't', 0, 0, 0, 9,
                'i', 'r', 'o', 't', 1});

        assertThat(HeifDecoder.hasTransformBox(concat(ftyp, metaWithIrot), 45)).isTrue();
        assertThat(HeifDecoder.hasTransformBox(irotInMdatOnly, irotInMdatOnly.length)).isFalse();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
