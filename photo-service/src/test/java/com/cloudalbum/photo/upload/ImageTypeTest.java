package com.cloudalbum.photo.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageTypeTest {

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of(TestImages.jpeg(16, 16, TestImages.ExifSpec.none()), ImageType.JPEG),
                Arguments.of(TestImages.png(16, 16), ImageType.PNG),
                Arguments.of(bytes("GIF89a", 0x10, 0x00, 0x10, 0x00, 0xF7, 0x00, 0x00), ImageType.GIF),
                Arguments.of(bytes("GIF87a", 0x10, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00), ImageType.GIF),
                Arguments.of(concat(bytes("RIFF", 0x24, 0x00, 0x00, 0x00), bytes("WEBPVP8 ")), ImageType.WEBP),
                Arguments.of(ftyp("heic", "mif1", "heic"), ImageType.HEIC),
                Arguments.of(ftyp("heix", "mif1", "heix"), ImageType.HEIC),
                Arguments.of(ftyp("mif1", "mif1", "miaf"), ImageType.HEIF),
                Arguments.of(ftyp("msf1", "msf1", "iso8"), ImageType.HEIF),
                // an unknown major brand that lists HEIC or HEIF among its compatible brands
                Arguments.of(ftyp("MiHB", "MiHE", "heic"), ImageType.HEIC),
                Arguments.of(ftyp("MiHB", "MiPr", "mif1"), ImageType.HEIF));
    }

    @ParameterizedTest
    @MethodSource("headers")
    void detect_whenHeaderOfKnownType_returnsThatType(byte[] file, ImageType expected) {
        byte[] prefix = Arrays.copyOf(file, ImageType.PREFIX_BYTES);

        assertThat(ImageType.detect(prefix, Math.min(file.length, ImageType.PREFIX_BYTES))).contains(expected);
    }

    @Test
    void detect_whenTextFileNamedJpg_returnsEmpty() {
        byte[] text = "holiday photos, see attached\n".getBytes(StandardCharsets.UTF_8);

        assertThat(ImageType.detect(text, text.length)).isEmpty();
    }

    @Test
    void detect_whenPdf_returnsEmpty() {
        byte[] pdf = bytes("%PDF-1.7\n%", 0xE2, 0xE3, 0xCF, 0xD3, '\n');

        assertThat(ImageType.detect(pdf, pdf.length)).isEmpty();
    }

    @Test
    void detect_whenOnlyThreeBytes_returnsEmpty() {
        byte[] jpeg = TestImages.jpeg(16, 16, TestImages.ExifSpec.none());

        assertThat(ImageType.detect(jpeg, 3)).isEmpty();
        assertThat(ImageType.detect(Arrays.copyOf(jpeg, 3), 3)).isEmpty();
    }

    @Test
    void detect_whenLengthShorterThanMagic_ignoresBytesBeyondLength() {
        byte[] png = TestImages.png(16, 16);

        assertThat(ImageType.detect(png, 7)).isEmpty();
    }

    @Test
    void detect_whenRiffButNotWebp_returnsEmpty() {
        byte[] wav = concat(bytes("RIFF", 0x24, 0x00, 0x00, 0x00), bytes("WAVEfmt "));

        assertThat(ImageType.detect(wav, wav.length)).isEmpty();
    }

    @Test
    void detect_whenMp4Video_returnsEmpty() {
        assertThat(ImageType.detect(ftyp("isom", "isom", "mp41"), 24)).isEmpty();
    }

    @Test
    void detect_whenAvif_returnsAvifByItsBrand() {
        // AVIF lists mif1 too; its own brand decides, major or compatible
        assertThat(ImageType.detect(ftyp("avif", "mif1", "miaf"), 24)).contains(ImageType.AVIF);
        assertThat(ImageType.detect(ftyp("mif1", "avif", "miaf"), 24)).contains(ImageType.AVIF);
        assertThat(ImageType.AVIF.contentType()).isEqualTo("image/avif");
    }

    @Test
    void contentTypeAndExtension_areTheRegisteredOnes() {
        assertThat(ImageType.JPEG.contentType()).isEqualTo("image/jpeg");
        assertThat(ImageType.JPEG.extension()).isEqualTo("jpg");
        assertThat(ImageType.HEIC.contentType()).isEqualTo("image/heic");
        assertThat(ImageType.HEIF.extension()).isEqualTo("heif");
    }

    private static byte[] ftyp(String major, String... compatible) {
        int size = 16 + 4 * compatible.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 0, 0, (byte) size});
        out.writeBytes(bytes("ftyp" + major, 0, 0, 0, 0));
        for (String brand : compatible) {
            out.writeBytes(bytes(brand));
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String ascii, int... more) {
        byte[] head = ascii.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = Arrays.copyOf(head, head.length + more.length);
        for (int i = 0; i < more.length; i++) {
            all[head.length + i] = (byte) more[i];
        }
        return all;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
