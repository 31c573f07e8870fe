package com.cloudalbum.photo.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Random;

import com.cloudalbum.photo.upload.TestImages.ExifSpec;
import org.junit.jupiter.api.Test;

class MetadataReaderTest {

    private static final LocalDateTime TAKEN = LocalDateTime.of(2024, 6, 1, 14, 30, 15);

    private final MetadataReader reader = new MetadataReader();

    @Test
    void read_whenJpegWithFullExifAndGps_returnsEveryField() {
        byte[] jpeg = TestImages.jpeg(640, 480,
                new ExifSpec(TAKEN, "+02:00", "Canon", "EOS R5", 6, 48.858370, 2.294481));

        PhotoMetadata metadata = read(jpeg);

        assertThat(metadata.takenAt()).isEqualTo(Instant.parse("2024-06-01T12:30:15Z"));
        assertThat(metadata.takenAtOffset()).isEqualTo("+02:00");
        assertThat(metadata.takenAtLocal()).isEqualTo(TAKEN);
        assertThat(metadata.make()).isEqualTo("Canon");
        assertThat(metadata.model()).isEqualTo("EOS R5");
        assertThat(metadata.width()).isEqualTo(640);
        assertThat(metadata.height()).isEqualTo(480);
        assertThat(metadata.orientation()).isEqualTo(6);
        assertThat(metadata.hasLocation()).isTrue();
        assertThat(metadata.latitude()).isCloseTo(48.858370, within(1e-5));
        assertThat(metadata.longitude()).isCloseTo(2.294481, within(1e-5));
    }

    @Test
    void read_whenGpsSouthAndWest_returnsNegativeCoordinates() {
        byte[] jpeg = TestImages.jpeg(64, 48,
                new ExifSpec(TAKEN, "-03:00", null, null, null, -22.951916, -43.210487));

        PhotoMetadata metadata = read(jpeg);

        assertThat(metadata.latitude()).isCloseTo(-22.951916, within(1e-5));
        assertThat(metadata.longitude()).isCloseTo(-43.210487, within(1e-5));
        assertThat(metadata.takenAt()).isEqualTo(Instant.parse("2024-06-01T17:30:15Z"));
        assertThat(metadata.takenAtOffset()).isEqualTo("-03:00");
    }

    @Test
    void read_whenJpegWithExifButNoGpsNorOffset_returnsLocalTimeOnlyAndNoLocation() {
        byte[] jpeg = TestImages.jpeg(320, 200,
                new ExifSpec(TAKEN, null, "Apple", "iPhone 15", 1, null, null));

        PhotoMetadata metadata = read(jpeg);

        assertThat(metadata.takenAtLocal()).isEqualTo(TAKEN);
        assertThat(metadata.takenAt()).isNull();
        assertThat(metadata.takenAtOffset()).isNull();
        assertThat(metadata.hasLocation()).isFalse();
        assertThat(metadata.latitude()).isNull();
        assertThat(metadata.longitude()).isNull();
        assertThat(metadata.make()).isEqualTo("Apple");
        assertThat(metadata.model()).isEqualTo("iPhone 15");
        assertThat(metadata.width()).isEqualTo(320);
        assertThat(metadata.height()).isEqualTo(200);
    }

    @Test
    void read_whenJpegWithoutExif_returnsDimensionsOnly() {
        byte[] jpeg = TestImages.jpeg(100, 50, ExifSpec.none());

        assertThat(read(jpeg)).isEqualTo(new PhotoMetadata(null, null, null, null, null, 100, 50, null, null, null));
    }

    @Test
    void read_whenGpsIsNullIsland_dropsLocation() {
        byte[] jpeg = TestImages.jpeg(64, 48, new ExifSpec(TAKEN, null, null, null, null, 0.0, 0.0));

        assertThat(read(jpeg).hasLocation()).isFalse();
    }

    @Test
    void read_whenOrientationOutOfRange_dropsOrientation() {
        byte[] jpeg = TestImages.jpeg(64, 48, new ExifSpec(null, null, "Canon", null, 9, null, null));

        PhotoMetadata metadata = read(jpeg);

        assertThat(metadata.orientation()).isNull();
        assertThat(metadata.make()).isEqualTo("Canon");
    }

    @Test
    void read_whenOffsetIsBlank_returnsLocalTimeOnly() {
        byte[] jpeg = TestImages.jpeg(64, 48, new ExifSpec(TAKEN, "   :  ", null, null, null, null, null));

        PhotoMetadata metadata = read(jpeg);

        assertThat(metadata.takenAtLocal()).isEqualTo(TAKEN);
        assertThat(metadata.takenAt()).isNull();
        assertThat(metadata.takenAtOffset()).isNull();
    }

    @Test
    void read_whenPng_returnsDimensions() {
        PhotoMetadata metadata = read(TestImages.png(123, 45));

        assertThat(metadata.width()).isEqualTo(123);
        assertThat(metadata.height()).isEqualTo(45);
        assertThat(metadata.takenAtLocal()).isNull();
    }

    @Test
    void read_whenPngCutOffInImageData_returnsDimensions() {
        byte[] png = TestImages.png(1200, 900);

        PhotoMetadata metadata = reader.read(png, png.length / 2);

        assertThat(metadata.width()).isEqualTo(1200);
        assertThat(metadata.height()).isEqualTo(900);
    }

    @Test
    void read_whenPngChunkClaimsTwoGigabytes_readsChunksBeforeIt() {
        byte[] png = TestImages.png(64, 32);
        int afterHeader = 8 + 12 + 13; // signature, IHDR
        ByteBuffer hostile = ByteBuffer.allocate(afterHeader + 12)
                .put(png, 0, afterHeader)
                .putInt(0x7FFF_FFF0).put("zTXt".getBytes(StandardCharsets.US_ASCII));

        PhotoMetadata metadata = reader.read(hostile.array(), hostile.position());

        assertThat(metadata.width()).isEqualTo(64);
        assertThat(metadata.height()).isEqualTo(32);
    }

    @Test
    void read_whenWebpCutOffInImageData_returnsCanvasSize() {
        ByteBuffer webp = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN)
                .put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(500_000)
                .put("WEBPVP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10)
                .putInt(0).put(uint24(800 - 1)).put(uint24(600 - 1))
                .put("VP8 ".getBytes(StandardCharsets.US_ASCII)).putInt(400_000).put(new byte[16]);

        PhotoMetadata metadata = reader.read(webp.array(), webp.position());

        assertThat(metadata.width()).isEqualTo(800);
        assertThat(metadata.height()).isEqualTo(600);
    }

    @Test
    void read_whenPrefixEndsInsideSegmentAfterExif_readsExif() {
        byte[] jpeg = TestImages.jpeg(64, 48, new ExifSpec(TAKEN, "+02:00", "Canon", null, null, null, null));
        // a large APP2 (say, an ICC profile) right after EXIF, cut off by the end of the prefix
        int afterExif = segmentEnd(jpeg, segmentEnd(jpeg, 2)); // SOI, APP0 (JFIF), APP1 (EXIF)
        byte[] withApp2 = ByteBuffer.allocate(jpeg.length + 2 + 0xFFFF)
                .put(jpeg, 0, afterExif)
                .put((byte) 0xFF).put((byte) 0xE2).putShort((short) 0xFFFF).put(new byte[0xFFFF - 2])
                .put(jpeg, afterExif, jpeg.length - afterExif)
                .array();

        PhotoMetadata metadata = reader.read(withApp2, afterExif + 1000);

        assertThat(metadata.make()).isEqualTo("Canon");
        assertThat(metadata.takenAt()).isEqualTo(Instant.parse("2024-06-01T12:30:15Z"));
        assertThat(metadata.width()).as("SOF comes after the cut").isNull();
    }

    @Test
    void read_whenPrefixEndsInImageData_stillReadsExif() {
        byte[] jpeg = TestImages.jpeg(640, 480,
                new ExifSpec(TAKEN, "+02:00", "Canon", "EOS R5", 1, 48.858370, 2.294481));

        PhotoMetadata metadata = reader.read(jpeg, jpeg.length / 2);

        assertThat(metadata).isEqualTo(read(jpeg));
    }

    @Test
    void read_whenOnlyFirst100BytesOfJpeg_doesNotThrow() {
        byte[] jpeg = TestImages.jpeg(640, 480,
                new ExifSpec(TAKEN, "+02:00", "Canon", "EOS R5", 6, 48.858370, 2.294481));

        PhotoMetadata metadata = reader.read(Arrays.copyOf(jpeg, 100), 100);

        assertThat(metadata).isNotNull();
        assertThat(metadata.hasLocation()).isFalse();
    }

    @Test
    void read_whenLengthShorterThanArray_readsOnlyLength() {
        byte[] jpeg = TestImages.jpeg(640, 480, new ExifSpec(TAKEN, null, "Canon", null, null, null, null));

        assertThat(reader.read(jpeg, 2)).isEqualTo(PhotoMetadata.empty());
    }

    @Test
    void read_whenRandomBytes_returnsEmpty() {
        byte[] noise = new byte[64 * 1024];
        new Random(42).nextBytes(noise);

        assertThat(reader.read(noise, noise.length)).isEqualTo(PhotoMetadata.empty());
    }

    @Test
    void read_whenEmpty_returnsEmpty() {
        assertThat(reader.read(new byte[0], 0)).isEqualTo(PhotoMetadata.empty());
    }

    private PhotoMetadata read(byte[] file) {
        return reader.read(file, file.length);
    }

    private static int segmentEnd(byte[] jpeg, int start) {
        assertThat(jpeg[start]).isEqualTo((byte) 0xFF);
        return start + 2 + ((jpeg[start + 2] & 0xFF) << 8 | (jpeg[start + 3] & 0xFF));
    }

    private static byte[] uint24(int value) {
        return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16)};
    }

    @Test
    void read_whenJpegExifRecordsAnOlderSize_returnsTheImagesOwnSize() {
        byte[] jpeg = TestImages.jpegWithStaleExifSize(640, 480, 4000, 3000);

        PhotoMetadata metadata = read(jpeg);

        assertThat(metadata.make()).as("the EXIF was read").isEqualTo("Canon");
        assertThat(metadata.width()).isEqualTo(640);
        assertThat(metadata.height()).isEqualTo(480);
    }

    @Test
    void read_whenHeicWithExifWithinThePrefix_returnsGpsAndPrimarySize() {
        byte[] heic = HeifTestFiles.heifEnc(TestImages.jpeg(640, 480,
                new ExifSpec(TAKEN, "+02:00", "Apple", "iPhone 15", 6, 48.858370, 2.294481)), "heic");
        assertThat(heic.length).isLessThan(PREFIX);

        PhotoMetadata metadata = read(heic);

        assertThat(metadata.width()).isEqualTo(640);
        assertThat(metadata.height()).isEqualTo(480);
        assertThat(metadata.make()).isEqualTo("Apple");
        assertThat(metadata.orientation()).isEqualTo(6);
        assertThat(metadata.takenAt()).isEqualTo(Instant.parse("2024-06-01T12:30:15Z"));
        assertThat(metadata.latitude()).isCloseTo(48.858370, within(1e-5));
        assertThat(reader.exifPastPrefix(heic, heic.length)).isEmpty();
    }

    /** heif-enc stores the Exif item after the image data: in a large file it lies past what the upload holds. */
    @Test
    void read_whenHeicExifPastThePrefix_returnsSizeAndWhereTheExifIs() {
        byte[] heic = HeifTestFiles.heifEnc(TestImages.noisyJpeg(800, 600,
                new ExifSpec(TAKEN, "+02:00", "Apple", "iPhone 15", 1, 48.858370, 2.294481)), "heic");
        assertThat(heic.length).isGreaterThan(PREFIX);
        byte[] prefix = Arrays.copyOf(heic, PREFIX);

        PhotoMetadata metadata = reader.read(prefix, PREFIX);
        var where = reader.exifPastPrefix(prefix, PREFIX);

        assertThat(metadata.width()).isEqualTo(800);
        assertThat(metadata.height()).isEqualTo(600);
        assertThat(metadata.hasLocation()).as("EXIF is not in the prefix").isFalse();
        assertThat(where).hasValueSatisfying(location -> assertThat(location.offset()).isGreaterThan(PREFIX));
        byte[] item = Arrays.copyOfRange(heic, (int) where.get().offset(),
                (int) (where.get().offset() + where.get().length()));
        PhotoMetadata exif = reader.readExifItem(item);
        assertThat(exif.latitude()).isCloseTo(48.858370, within(1e-5));
        assertThat(exif.longitude()).isCloseTo(2.294481, within(1e-5));
        assertThat(exif.make()).isEqualTo("Apple");
    }

    @Test
    void read_whenHeifGridWhoseFirstIspeIsATile_returnsThePrimaryItemsSize() {
        byte[] grid = HeifTestFiles.gridHeader();

        PhotoMetadata metadata = read(grid);

        assertThat(metadata.width()).isEqualTo(1024);
        assertThat(metadata.height()).isEqualTo(512);
    }

    @Test
    void read_whenAvif_returnsPrimarySizeAndExif() {
        byte[] avif = HeifTestFiles.heifEnc(TestImages.jpeg(320, 240,
                new ExifSpec(TAKEN, null, "Google", null, null, -33.856784, 151.215297)), "avif");
        assertThat(ImageType.detect(avif, avif.length)).contains(ImageType.AVIF);

        PhotoMetadata metadata = read(avif);

        assertThat(metadata.width()).isEqualTo(320);
        assertThat(metadata.height()).isEqualTo(240);
        assertThat(metadata.latitude()).isCloseTo(-33.856784, within(1e-5));
    }

    private static final int PREFIX = 256 * 1024;
}
