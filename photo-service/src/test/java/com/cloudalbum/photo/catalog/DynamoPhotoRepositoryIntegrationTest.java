package com.cloudalbum.photo.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.cloudalbum.common.test.LocalAws;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DynamoPhotoRepositoryIntegrationTest {

    @Autowired
    PhotoRepository photos;

    @Autowired
    DynamoDbAsyncClient dynamo;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        LocalAws.registerEndpoints(registry);
    }

    @Test
    void create_thenFind_returnsEveryField() {
        String userId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PhotoRecord photo = PhotoRecord.uploaded(userId, "01JTEST" + UUID.randomUUID(),
                "photos/" + userId + "/p/original", 1234, "image/jpeg", "beach.jpg", List.of("sea", "Summer"),
                "At the beach", new PhotoRecord.Place(43.5, -1.25, "1 Rue", "Biarritz", "France", "EXIF"),
                new PhotoRecord.Capture(now.minusSeconds(60), "+02:00", "2026-07-01T10:00:00", "Canon", "EOS", 4000, 3000, 6),
                now);

        StepVerifier.create(photos.create(photo).then(photos.find(userId, photo.id())))
                .expectNext(photo)
                .verifyComplete();
    }

    @Test
    void pageByTaken_ordersByDateTaken_photosWithoutOneByUploadTime_andPages() {
        String userId = UUID.randomUUID().toString();
        PhotoRecord july = taken(userId, "01JTAKEN1", Instant.parse("2024-07-15T08:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"));
        PhotoRecord undated = taken(userId, "01JTAKEN2", null, Instant.parse("2024-08-01T12:00:00.5Z"));
        PhotoRecord december = taken(userId, "01JTAKEN3", Instant.parse("2023-12-24T08:05:00.123Z"), Instant.parse("2026-01-03T00:00:00Z"));
        Mono<Void> stored = photos.create(july).then(photos.create(undated)).then(photos.create(december)).then();

        StepVerifier.create(stored.then(photos.pageByTaken(userId, 2, null))
                        .flatMap(first -> photos.pageByTaken(userId, 2, first.lastId())
                                .map(second -> List.of(first, second))))
                .assertNext(pages -> {
                    assertThat(pages.get(0).items()).extracting(PhotoRecord::id)
                            .containsExactly(undated.id(), july.id());
                    assertThat(pages.get(1).items()).extracting(PhotoRecord::id)
                            .containsExactly(december.id());
                })
                .verifyComplete();
    }

    private static PhotoRecord taken(String userId, String id, Instant takenAt, Instant createdAt) {
        PhotoRecord.Capture capture = takenAt == null ? PhotoRecord.Capture.unknown()
                : new PhotoRecord.Capture(takenAt, "+00:00", takenAt.toString().substring(0, 19), null, null, null, null, null);
        return PhotoRecord.uploaded(userId, id, "photos/" + userId + "/" + id + "/original", 1, "image/jpeg", id + ".jpg",
                List.of(), null, null, capture, createdAt);
    }

    @Test
    void find_whenOtherUsersPhoto_completesEmpty() {
        String owner = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PhotoRecord photo = PhotoRecord.uploaded(owner, "p-" + UUID.randomUUID(), "k", 1, "image/png",
                "a.png", List.of(), null, null, PhotoRecord.Capture.unknown(), now);

        StepVerifier.create(photos.create(photo).then(photos.find("someone-else", photo.id())))
                .verifyComplete();
    }

    /** The attributes thumbnail-service writes (its DynamoPhotoCatalog); the two services share only the item. */
    @Test
    void find_afterThumbnailServiceMarkedReady_returnsRenditions() {
        String userId = UUID.randomUUID().toString();
        PhotoRecord photo = PhotoRecord.uploaded(userId, "01JTEST" + UUID.randomUUID(), "photos/" + userId + "/p/original",
                1, "image/jpeg", "a.jpg", List.of(), null, null, PhotoRecord.Capture.unknown(), Instant.now());
        Mono<Void> markReady = Mono.fromFuture(() -> dynamo.updateItem(r -> r.tableName("Photo")
                .key(Map.of("user_id", AttributeValue.fromS(userId), "id", AttributeValue.fromS(photo.id())))
                .updateExpression("SET #s = :ready, thumbnail_key = :tk, thumbnail_width = :tw, thumbnail_height = :th, "
                        + "thumbnail_bytes = :tb, preview_key = :pk, preview_width = :pw, preview_height = :ph, "
                        + "thumbnail_webp_key = :twk")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":ready", AttributeValue.fromS("READY"),
                        ":tk", AttributeValue.fromS("photos/" + userId + "/p/thumbnail.jpg"),
                        ":tw", AttributeValue.fromN("400"), ":th", AttributeValue.fromN("300"),
                        ":tb", AttributeValue.fromN("12345"),
                        ":pk", AttributeValue.fromS("photos/" + userId + "/p/preview.jpg"),
                        ":pw", AttributeValue.fromN("1600"), ":ph", AttributeValue.fromN("1200"),
                        ":twk", AttributeValue.fromS("photos/" + userId + "/p/thumbnail.webp"))))).then();

        StepVerifier.create(photos.create(photo).then(markReady).then(photos.find(userId, photo.id())))
                .assertNext(found -> {
                    assertThat(found.status()).isEqualTo(PhotoRecord.READY);
                    assertThat(found.thumbnail())
                            .isEqualTo(new PhotoRecord.Rendition("photos/" + userId + "/p/thumbnail.jpg", 400, 300,
                                    "photos/" + userId + "/p/thumbnail.webp"));
                    assertThat(found.preview())
                            .isEqualTo(new PhotoRecord.Rendition("photos/" + userId + "/p/preview.jpg", 1600, 1200));
                    assertThat(found.failureReason()).isNull();
                })
                .verifyComplete();
    }
}
