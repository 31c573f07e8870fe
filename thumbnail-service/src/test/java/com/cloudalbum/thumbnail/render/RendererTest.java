package com.cloudalbum.thumbnail.render;

import static com.cloudalbum.thumbnail.render.RenditionSpec.PREVIEW;
import static com.cloudalbum.thumbnail.render.RenditionSpec.THUMBNAIL;
import static com.cloudalbum.thumbnail.render.TestPictures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs as the service does: JPEGs through TurboJPEG (the machines have libturbojpeg; {@code .ci/run} installs
 * it). {@link ImageIoRendererTest} runs every test again with ImageIO alone, the path for other formats, for JPEGs over
 * the buffer bound and for systems without the library.
 */
class RendererTest {

    final Renderer renderer = newRenderer();

    Renderer newRenderer() {
        return new Renderer();
    }

    @Test
    void decoder_isTurboJpegWhereTheSystemHasIt() {
        assertThat(Renderer.turboJpegAvailable())
                .as("libturbojpeg.so.0 (Debian: libturbojpeg0) is missing: %s", TurboJpeg.unavailable())
                .isTrue();
        assertThat(renderer.decoder()).startsWith("TurboJPEG");
    }

    @Test
    void scaleNumerator_when12MegapixelJpeg_decodesThumbnailAtOneEighthAndPreviewAtOneHalf() {
        Renderer.Plan thumbnail = new Renderer.Plan(4000, 3000, List.of(new Renderer.Size(400, 300)));
        Renderer.Plan both = new Renderer.Plan(4000, 3000,
                List.of(new Renderer.Size(1600, 1200), new Renderer.Size(400, 300)));

        assertThat(Renderer.scaleNumerator(thumbnail)).isEqualTo(1); // 500×375
        assertThat(Renderer.scaleNumerator(both)).isEqualTo(4); // 2000×1500; 3/8 would be 1500 wide
        assertThat(Renderer.scaleNumerator(new Renderer.Plan(401, 300, List.of(new Renderer.Size(401, 300)))))
                .isEqualTo(8);
    }

    @Test
    void render_whenJpegLargerThanTheBuffer_streamsThroughImageIo() {
        byte[] jpeg = jpeg(noise(1500, 1000));
        Renderer smallBuffer = new Renderer(Renderer.DEFAULT_MAX_PIXELS, Renderer.turboJpegAvailable(), 64 * 1024);

        Rendition rendition = smallBuffer.render(new ByteArrayInputStream(jpeg), List.of(THUMBNAIL)).get(0);

        assertThat(jpeg.length).isGreaterThan(64 * 1024);
        assertThat(size(rendition)).containsExactly(400, 267);
    }

    @Test
    void render_when12MegapixelJpeg_fitsThumbnailAndPreviewBoxes() {
        byte[] jpeg = jpeg(solid(4000, 3000, BLUE));

        List<Rendition> renditions = renderer.render(new ByteArrayInputStream(jpeg), List.of(THUMBNAIL, PREVIEW));

        assertThat(renditions).extracting(Rendition::name).containsExactly("thumbnail", "preview");
        assertThat(size(renditions.get(0))).containsExactly(400, 300);
        assertThat(size(renditions.get(1))).containsExactly(1600, 1200);
        assertThat(renditions.get(0).width()).isEqualTo(400);
        assertThat(renditions.get(1).height()).isEqualTo(1200);
    }

    @Test
    void subsampling_when12MegapixelForPreview_decodesAtHalfResolution() {
        assertThat(Renderer.subsampling(4000, 3000, 1600, 1200)).isEqualTo(2);
    }

    @Test
    void subsampling_whenTargetNotAWholeFraction_neverDecodesSmallerThanTarget() {
        int step = Renderer.subsampling(4032, 3024, 400, 300);

        assertThat(step).isEqualTo(10);
        assertThat((4032 + step - 1) / step).isGreaterThanOrEqualTo(400);
        assertThat((3024 + step - 1) / step).isGreaterThanOrEqualTo(300);
    }

    @Test
    void subsampling_whenImageSmallerThanTarget_decodesFullResolution() {
        assertThat(Renderer.subsampling(100, 50, 100, 50)).isEqualTo(1);
    }

    @Test
    void render_whenPortrait_keepsAspectRatio() {
        Rendition thumbnail = renderOne(png(solid(1000, 3000, BLUE)), THUMBNAIL);

        assertThat(size(thumbnail)).containsExactly(133, 400);
    }

    @Test
    void render_whenLandscape_keepsAspectRatio() {
        Rendition thumbnail = renderOne(png(solid(3000, 1000, BLUE)), THUMBNAIL);

        assertThat(size(thumbnail)).containsExactly(400, 133);
    }

    @Test
    void render_whenSmallerThanBox_doesNotUpscale() {
        Rendition thumbnail = renderOne(png(solid(100, 50, BLUE)), THUMBNAIL);

        assertThat(size(thumbnail)).containsExactly(100, 50);
        assertThat(thumbnail.width()).isEqualTo(100);
        assertThat(thumbnail.height()).isEqualTo(50);
    }

    @Test
    void render_whenPngWithAlpha_flattensOntoWhite() {
        BufferedImage transparent = new BufferedImage(200, 100, BufferedImage.TYPE_INT_ARGB);

        Rendition thumbnail = renderOne(png(transparent), THUMBNAIL);

        assertThat(isNear(decode(thumbnail).getRGB(100, 50) & 0xffffff, 0xffffff)).isTrue();
    }

    @Test
    void render_whenGifOrBmp_renders() {
        assertThat(size(renderOne(encode(solid(800, 600, BLUE), "gif"), THUMBNAIL))).containsExactly(400, 300);
        assertThat(size(renderOne(encode(solid(800, 600, BLUE), "bmp"), THUMBNAIL))).containsExactly(400, 300);
    }

    /** WebP through the TwelveMonkeys ImageIO plugin; both encodings Pillow writes. */
    @ParameterizedTest
    @ValueSource(strings = {"marker.webp", "marker-lossless.webp"})
    void render_whenWebp_rendersUprightJpeg(String file) throws IOException {
        byte[] webp;
        try (var in = RendererTest.class.getResourceAsStream("/pictures/" + file)) {
            assertThat(in).as(file).isNotNull();
            webp = in.readAllBytes();
        }

        BufferedImage image = decode(renderOne(webp, THUMBNAIL));

        assertThat(new int[] {image.getWidth(), image.getHeight()}).containsExactly(400, 267);
        assertThat(isNear(image.getRGB(100, 60) & 0xffffff, RED)).isTrue();
        assertThat(isNear(image.getRGB(300, 60) & 0xffffff, GREEN)).isTrue();
        assertThat(isNear(image.getRGB(200, 200) & 0xffffff, BLUE)).isTrue();
    }

    /**
     * The camera stores the sensor's pixels and writes the orientation a viewer must apply; the marker (red top
     * left, green top right, blue bottom) tells every one of the 8 orientations apart, transposes included.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void render_whenExifOrientation_returnsUprightRendition(int orientation) {
        BufferedImage upright = marker(1200, 800);
        byte[] jpeg = withExifOrientation(jpeg(stored(upright, orientation)), orientation);

        List<Rendition> renditions = renderer.render(new ByteArrayInputStream(jpeg), List.of(THUMBNAIL, PREVIEW));

        for (Rendition rendition : renditions) {
            BufferedImage image = decode(rendition);
            int w = image.getWidth();
            int h = image.getHeight();
            assertThat(w).as("%s width", rendition.name()).isGreaterThan(h);
            assertThat(isNear(image.getRGB(w / 4, h / 4) & 0xffffff, RED)).as("%s top left", rendition.name())
                    .isTrue();
            assertThat(isNear(image.getRGB(3 * w / 4, h / 4) & 0xffffff, GREEN))
                    .as("%s top right", rendition.name()).isTrue();
            assertThat(isNear(image.getRGB(w / 4, 3 * h / 4) & 0xffffff, BLUE))
                    .as("%s bottom left", rendition.name()).isTrue();
            assertThat(isNear(image.getRGB(3 * w / 4, 3 * h / 4) & 0xffffff, BLUE))
                    .as("%s bottom right", rendition.name()).isTrue();
        }
    }

    @Test
    void render_whenPngHeaderDeclaresHugeImage_failsFastWithTooManyPixels() {
        byte[] bomb = pngHeaderOnly(50_000, 50_000);

        long start = System.nanoTime();
        assertThatThrownBy(() -> renderer.render(new ByteArrayInputStream(bomb), List.of(THUMBNAIL)))
                .isInstanceOfSatisfying(RenderException.class,
                        e -> assertThat(e.reason()).isEqualTo("too-many-pixels"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void render_whenJpegHeaderDeclaresHugeImage_failsWithTooManyPixelsBeforeDecoding() {
        byte[] bomb = jpeg(solid(64, 64, BLUE));
        int sof = indexOfSof0(bomb);
        // SOF0: FF C0, length (2), precision (1), height (2), width (2)
        bomb[sof + 5] = (byte) (50_000 >> 8);
        bomb[sof + 6] = (byte) 50_000;
        bomb[sof + 7] = (byte) (50_000 >> 8);
        bomb[sof + 8] = (byte) 50_000;

        assertThatThrownBy(() -> renderer.render(new ByteArrayInputStream(bomb), List.of(THUMBNAIL)))
                .isInstanceOfSatisfying(RenderException.class,
                        e -> assertThat(e.reason()).isEqualTo("too-many-pixels"));
    }

    private static int indexOfSof0(byte[] jpeg) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                return i;
            }
        }
        throw new AssertionError("no SOF0 marker");
    }

    @Test
    void render_whenJpegTruncatedTo200Bytes_throwsUndecodable() {
        byte[] truncated = Arrays.copyOf(jpeg(marker(800, 600)), 200);

        assertThatThrownBy(() -> renderer.render(new ByteArrayInputStream(truncated), List.of(THUMBNAIL)))
                .isInstanceOfSatisfying(RenderException.class,
                        e -> assertThat(e.reason()).isEqualTo("undecodable"));
    }

    @Test
    void render_whenJpegTruncatedInScanData_throwsUndecodable() {
        byte[] whole = jpeg(noise(800, 600));
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

        assertThatThrownBy(() -> renderer.render(new ByteArrayInputStream(truncated), List.of(THUMBNAIL)))
                .isInstanceOfSatisfying(RenderException.class,
                        e -> assertThat(e.reason()).isEqualTo("undecodable"));
    }

    @Test
    void render_whenRandomBytes_throwsRenderException() {
        byte[] random = new byte[10_000];
        new Random(42).nextBytes(random);

        assertThatThrownBy(() -> renderer.render(new ByteArrayInputStream(random), List.of(THUMBNAIL)))
                .isInstanceOfSatisfying(RenderException.class,
                        e -> assertThat(e.reason()).isEqualTo("unsupported-format"));
    }

    @Test
    void render_whenOriginalHasExif_renditionsCarryNoExif() {
        byte[] jpeg = withExifOrientation(jpeg(marker(1200, 800)), 6);
        assertThat(containsExif(jpeg)).isTrue();

        List<Rendition> renditions = renderer.render(new ByteArrayInputStream(jpeg), List.of(THUMBNAIL, PREVIEW));

        assertThat(renditions).allSatisfy(r -> assertThat(containsExif(r.jpeg())).isFalse());
    }

    @Test
    void render_whenExifBeyondTheBufferedPrefix_stillDecodesTheWholeStream() {
        // noise compresses badly, so this JPEG is well past the 256 KiB kept for the EXIF lookup
        byte[] jpeg = jpeg(noise(1500, 1000));
        assertThat(jpeg.length).isGreaterThan(Renderer.EXIF_PREFIX_BYTES);

        assertThat(size(renderOne(jpeg, PREVIEW))).containsExactly(1500, 1000);
    }

    private Rendition renderOne(byte[] original, RenditionSpec spec) {
        return renderer.render(new ByteArrayInputStream(original), List.of(spec)).get(0);
    }

    private static int[] size(Rendition rendition) {
        BufferedImage image = decode(rendition);
        return new int[] {image.getWidth(), image.getHeight()};
    }

    private static BufferedImage decode(Rendition rendition) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(rendition.jpeg()));
            assertThat(image).as("rendition %s decodes", rendition.name()).isNotNull();
            return image;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
