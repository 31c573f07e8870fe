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
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs as the service does, with every library the machine has ({@code .ci/run} installs libturbojpeg, libheif and
 * libwebp): JPEGs through TurboJPEG, renditions in JPEG and WebP. {@link ImageIoRendererTest} runs every test again
 * with no library at all: ImageIO, the path for other formats, for JPEGs over the buffer bound and for systems
 * without the libraries. Each JPEG test asserts which decoder ran, so a decoder silently falling back fails it.
 */
class RendererTest {

    final Renderer renderer = newRenderer();

    Renderer newRenderer() {
        return new Renderer();
    }

    /** The decoder that must have decoded a plain RGB JPEG. */
    String jpegDecoder() {
        return TurboJpegDecoder.NAME;
    }

    @Test
    void newRenderer_onThisMachine_hasEveryLibrary() {
        assertThat(NativeLibrary.present())
                .as("libturbojpeg0, libheif1 and libwebp7 are installed (.ci/run): %s %s %s",
                        NativeLibrary.TURBOJPEG.unavailable(), NativeLibrary.LIBHEIF.unavailable(),
                        NativeLibrary.LIBWEBP.unavailable())
                .containsExactlyInAnyOrder(NativeLibrary.values());
    }

    @Test
    void scaleNumerator_when12MegapixelJpeg_decodesThumbnailAtOneEighthAndPreviewAtOneHalf() {
        Plan thumbnail = new Plan(4000, 3000, Orientation.NORMAL, List.of(new Size(400, 300)));
        Plan both = new Plan(4000, 3000, Orientation.NORMAL, List.of(new Size(1600, 1200), new Size(400, 300)));

        assertThat(TurboJpegDecoder.scaleNumerator(thumbnail)).isEqualTo(1); // 500×375
        assertThat(TurboJpegDecoder.scaleNumerator(both)).isEqualTo(4); // 2000×1500; 3/8 would be 1500 wide
        assertThat(TurboJpegDecoder.scaleNumerator(new Plan(401, 300, Orientation.NORMAL, List.of(new Size(401, 300)))))
                .isEqualTo(8);
    }

    @Test
    void render_whenJpegLargerThanTheBuffer_streamsThroughImageIo() {
        byte[] jpeg = jpeg(noise(1500, 1000));
        Renderer smallBuffer = new Renderer(Renderer.DEFAULT_MAX_PIXELS, NativeLibrary.present(), 64 * 1024);

        Rendition rendition = smallBuffer.render(new ByteArrayInputStream(jpeg), List.of(THUMBNAIL)).get(0);

        assertThat(jpeg.length).isGreaterThan(64 * 1024);
        assertThat(size(rendition)).containsExactly(400, 267);
        assertThat(smallBuffer.decodes(ImageIoDecoder.NAME)).isEqualTo(1);
        assertThat(smallBuffer.decodes(TurboJpegDecoder.NAME)).isZero();
    }

    @Test
    void render_when12MegapixelJpeg_fitsThumbnailAndPreviewBoxes() {
        byte[] jpeg = jpeg(solid(4000, 3000, BLUE));

        List<Rendition> renditions = jpegs(renderer.render(new ByteArrayInputStream(jpeg), jpeg.length,
                List.of(THUMBNAIL, PREVIEW)));

        assertThat(renditions).extracting(Rendition::name).containsExactly("thumbnail", "preview");
        assertThat(size(renditions.get(0))).containsExactly(400, 300);
        assertThat(size(renditions.get(1))).containsExactly(1600, 1200);
        assertThat(renditions.get(0).width()).isEqualTo(400);
        assertThat(renditions.get(1).height()).isEqualTo(1200);
        assertThat(renderer.decodes(jpegDecoder())).isEqualTo(1);
    }

    @Test
    void render_whenJpeg_writesEveryFormatWithItsNames() {
        List<Rendition> renditions = renderer.render(new ByteArrayInputStream(jpeg(marker(1200, 800))),
                List.of(THUMBNAIL, PREVIEW));

        List<String> expected = renderer.renditionFormats().contains(RenditionFormat.WEBP)
                ? List.of("thumbnail.jpg", "thumbnail.webp", "preview.jpg", "preview.webp")
                : List.of("thumbnail.jpg", "preview.jpg");
        assertThat(renditions).extracting(Rendition::fileName).containsExactlyElementsOf(expected);
        for (Rendition rendition : renditions) {
            BufferedImage image = decode(rendition);
            assertThat(new int[] {image.getWidth(), image.getHeight()}).as(rendition.fileName())
                    .containsExactly(rendition.width(), rendition.height());
            assertThat(isNear(image.getRGB(image.getWidth() / 4, image.getHeight() / 4) & 0xffffff, RED))
                    .as("%s top left", rendition.fileName()).isTrue();
        }
    }

    @Test
    void reduction_when12MegapixelForPreview_decodesAtHalfResolution() {
        assertThat(new Plan(4000, 3000, Orientation.NORMAL, List.of(new Size(1600, 1200))).reduction()).isEqualTo(2);
    }

    @Test
    void reduction_whenTargetNotAWholeFraction_neverDecodesSmallerThanTarget() {
        int step = new Plan(4032, 3024, Orientation.NORMAL, List.of(new Size(400, 300))).reduction();

        assertThat(step).isEqualTo(10);
        assertThat((4032 + step - 1) / step).isGreaterThanOrEqualTo(400);
        assertThat((3024 + step - 1) / step).isGreaterThanOrEqualTo(300);
    }

    @Test
    void reduction_whenImageSmallerThanTarget_decodesFullResolution() {
        assertThat(new Plan(100, 50, Orientation.NORMAL, List.of(new Size(100, 50))).reduction()).isEqualTo(1);
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

        assertThat(renderer.decodes(jpegDecoder())).isEqualTo(1);
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

        assertThatThrownBy(() -> renderer.render(new ByteArrayInputStream(bomb), List.of(THUMBNAIL)))
                .isInstanceOfSatisfying(RenderException.class,
                        e -> assertThat(e.reason()).isEqualTo("too-many-pixels"));
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

        assertThat(renditions).hasSize(2 * renderer.renditionFormats().size())
                .allSatisfy(r -> assertThat(containsExif(r.bytes())).as(r.fileName()).isFalse());
    }

    @Test
    void render_whenExifBeyondTheBufferedPrefix_stillDecodesTheWholeStream() {
        // noise compresses badly, so this JPEG is well past the 256 KiB kept for the EXIF lookup
        byte[] jpeg = jpeg(noise(1500, 1000));
        assertThat(jpeg.length).isGreaterThan(Original.PREFIX_BYTES);

        assertThat(size(renderOne(jpeg, PREVIEW))).containsExactly(1500, 1000);
    }

    /** The JPEG rendition of {@code spec}. */
    private Rendition renderOne(byte[] original, RenditionSpec spec) {
        return jpegs(renderer.render(new ByteArrayInputStream(original), List.of(spec))).get(0);
    }

    static List<Rendition> jpegs(List<Rendition> renditions) {
        return renditions.stream().filter(r -> r.format() == RenditionFormat.JPEG).toList();
    }

    static int[] size(Rendition rendition) {
        BufferedImage image = decode(rendition);
        return new int[] {image.getWidth(), image.getHeight()};
    }

    /** JPEG through the JDK, WebP through TwelveMonkeys' reader. */
    static BufferedImage decode(Rendition rendition) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(rendition.bytes()));
            assertThat(image).as("rendition %s decodes", rendition.name()).isNotNull();
            return image;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
