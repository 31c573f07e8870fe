package com.cloudalbum.photo.exif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.cloudalbum.common.test.LocalAws;
import com.cloudalbum.photo.catalog.PhotoRecord;
import com.cloudalbum.photo.catalog.PhotoRepository;
import com.cloudalbum.photo.config.PhotoProperties;
import com.cloudalbum.photo.upload.HeifTestFiles;
import com.cloudalbum.photo.upload.MetadataReader;
import com.cloudalbum.photo.upload.PhotoMetadata;
import com.cloudalbum.photo.upload.TestImages;
import com.cloudalbum.photo.upload.TestImages.ExifSpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** A HEIC whose EXIF lies past the 256 KiB the upload reads: the range from S3Mock completes the photo's record. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ExifRangeCompletionIntegrationTest {

    private static final int PREFIX = 256 * 1024;

    @Autowired
    ExifRangeCompletion completion;

    @Autowired
    ObjectRanges ranges;

    @Autowired
    PhotoRepository photos;

    @Autowired
    S3AsyncClient s3;

    @Autowired
    PhotoProperties properties;

    private final MetadataReader reader = new MetadataReader();

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        LocalAws.registerEndpoints(registry);
    }

    @Test
    void complete_whenHeicExifPastThePrefix_recordsGpsAndCaptureTime() {
        byte[] heic = HeifTestFiles.heifEnc(TestImages.noisyJpeg(800, 600, new ExifSpec(
                LocalDateTime.of(2024, 6, 1, 14, 30, 15), "+02:00", "Apple", "iPhone 15", 1, 48.858370, 2.294481)),
                "heic");
        byte[] prefix = Arrays.copyOf(heic, PREFIX);
        PhotoMetadata known = reader.read(prefix, PREFIX);
        ExifLocation where = reader.exifPastPrefix(prefix, PREFIX).orElseThrow();
        String userId = "u-" + UUID.randomUUID();
        String photoId = "01JTEST" + UUID.randomUUID();
        String key = "photos/" + userId + "/" + photoId + "/original";
        PhotoRecord photo = PhotoRecord.uploaded(userId, photoId, key, heic.length, "image/heic", "IMG_0001.heic",
                List.of(), null, null, new PhotoRecord.Capture(null, null, null, null, null, known.width(),
                        known.height(), null), Instant.now().truncatedTo(ChronoUnit.MILLIS));

        Mono<PhotoRecord> completed = put(key, heic)
                .then(photos.create(photo))
                .then(completion.complete(userId, photoId, key, where))
                .then(photos.find(userId, photoId));

        StepVerifier.create(completed)
                .assertNext(record -> {
                    assertThat(record.place()).isNotNull();
                    assertThat(record.place().source()).isEqualTo("EXIF");
                    assertThat(record.place().lat()).isCloseTo(48.858370, within(1e-5));
                    assertThat(record.place().lng()).isCloseTo(2.294481, within(1e-5));
                    assertThat(record.capture().takenAt()).isEqualTo(Instant.parse("2024-06-01T12:30:15Z"));
                    assertThat(record.capture().make()).isEqualTo("Apple");
                    assertThat(record.capture().width()).isEqualTo(800);
                    assertThat(record.capture().height()).isEqualTo(600);
                    assertThat(record.updatedAt()).isAfter(photo.updatedAt());
                })
                .verifyComplete();
    }

    @Test
    void read_returnsJustTheRange() {
        byte[] content = new byte[1000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        String key = "photos/test-" + UUID.randomUUID() + "/original";

        StepVerifier.create(put(key, content).then(ranges.read(key, 900, 50)))
                .assertNext(bytes -> assertThat(bytes).isEqualTo(Arrays.copyOfRange(content, 900, 950)))
                .verifyComplete();
    }

    private Mono<Void> put(String key, byte[] bytes) {
        return Mono.fromFuture(() -> s3.putObject(r -> r.bucket(properties.bucket()).key(key)
                        .contentLength((long) bytes.length), AsyncRequestBody.fromBytes(bytes)))
                .then();
    }
}
