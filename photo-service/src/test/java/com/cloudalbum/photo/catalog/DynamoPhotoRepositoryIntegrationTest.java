package com.cloudalbum.photo.catalog;

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
                    org.assertj.core.api.Assertions.assertThat(found.status()).isEqualTo(PhotoRecord.READY);
                    org.assertj.core.api.Assertions.assertThat(found.thumbnail())
                            .isEqualTo(new PhotoRecord.Rendition("photos/" + userId + "/p/thumbnail.jpg", 400, 300,
                                    "photos/" + userId + "/p/thumbnail.webp"));
                    org.assertj.core.api.Assertions.assertThat(found.preview())
                            .isEqualTo(new PhotoRecord.Rendition("photos/" + userId + "/p/preview.jpg", 1600, 1200));
                    org.assertj.core.api.Assertions.assertThat(found.failureReason()).isNull();
                })
                .verifyComplete();
    }
}
