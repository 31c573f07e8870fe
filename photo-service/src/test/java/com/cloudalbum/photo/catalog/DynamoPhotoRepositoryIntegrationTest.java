package com.cloudalbum.photo.catalog;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.cloudalbum.common.test.LocalAws;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.test.StepVerifier;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DynamoPhotoRepositoryIntegrationTest {

    @Autowired
    PhotoRepository photos;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        LocalAws.registerEndpoints(registry);
    }

    @Test
    void create_thenFind_returnsEveryField() {
        String userId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PhotoRecord photo = new PhotoRecord(userId, "01JTEST" + UUID.randomUUID(), PhotoRecord.PROCESSING,
                "photos/" + userId + "/p/original", 1234, "image/jpeg", "beach.jpg", List.of("sea", "Summer"),
                "At the beach", new PhotoRecord.Place(43.5, -1.25, "1 Rue", "Biarritz", "France", "EXIF"),
                new PhotoRecord.Capture(now.minusSeconds(60), "+02:00", "2026-07-01T10:00:00", "Canon", "EOS", 4000, 3000, 6),
                now, now);

        StepVerifier.create(photos.create(photo).then(photos.find(userId, photo.id())))
                .expectNext(photo)
                .verifyComplete();
    }

    @Test
    void find_whenOtherUsersPhoto_completesEmpty() {
        String owner = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PhotoRecord photo = new PhotoRecord(owner, "p-" + UUID.randomUUID(), PhotoRecord.PROCESSING, "k", 1, "image/png",
                "a.png", List.of(), null, null, PhotoRecord.Capture.unknown(), now, now);

        StepVerifier.create(photos.create(photo).then(photos.find("someone-else", photo.id())))
                .verifyComplete();
    }
}
