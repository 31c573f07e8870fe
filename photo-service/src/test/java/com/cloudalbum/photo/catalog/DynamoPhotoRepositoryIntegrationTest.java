package com.cloudalbum.photo.catalog;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    void save_thenFind_returnsTheItem() {
        String userId = UUID.randomUUID().toString();
        PhotoRecord photo = new PhotoRecord(userId, "01J" + UUID.randomUUID(), "photos/" + userId + "/p/original",
                "PROCESSING", Instant.now().truncatedTo(ChronoUnit.MILLIS));

        StepVerifier.create(photos.save(photo).then(photos.find(userId, photo.id())))
                .expectNext(photo)
                .verifyComplete();
    }

    @Test
    void find_whenOtherUsersPhoto_completesEmpty() {
        String owner = UUID.randomUUID().toString();
        PhotoRecord photo = new PhotoRecord(owner, "p-" + UUID.randomUUID(), "k", "PROCESSING", Instant.now());

        StepVerifier.create(photos.save(photo).then(photos.find("someone-else", photo.id())))
                .verifyComplete();
    }
}
