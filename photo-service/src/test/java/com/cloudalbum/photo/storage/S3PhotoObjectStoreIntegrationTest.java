package com.cloudalbum.photo.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Random;
import java.util.UUID;

import com.cloudalbum.common.test.LocalAws;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class S3PhotoObjectStoreIntegrationTest {

    private static final int CHUNK = 64 * 1024;

    @Autowired
    PhotoObjectStore store;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        LocalAws.registerEndpoints(registry);
    }

    @Test
    void put_whenLengthUnknownAndLargerThanOnePart_storesAllBytesAsMultipart() throws Exception {
        byte[] content = new byte[9 * 1024 * 1024 + 123];
        new Random(7).nextBytes(content);
        String key = "photos/test-" + UUID.randomUUID() + "/original";

        Mono<byte[]> roundTrip = store.put(key, "image/jpeg", chunks(content))
                .doOnNext(stored -> assertThat(stored.eTag()).contains("-2")) // two parts: 8 MiB + rest
                .thenMany(store.get(key))
                .reduce(MessageDigest.getInstance("SHA-256"), (digest, buffer) -> {
                    digest.update(buffer);
                    return digest;
                })
                .map(MessageDigest::digest);

        byte[] expected = MessageDigest.getInstance("SHA-256").digest(content);
        StepVerifier.create(roundTrip)
                .assertNext(digest -> assertThat(digest).isEqualTo(expected))
                .verifyComplete();
    }

    @Test
    void get_afterDelete_failsWithNotFound() {
        String key = "photos/test-" + UUID.randomUUID() + "/original";

        StepVerifier.create(store.put(key, "image/png", chunks(new byte[] {1, 2, 3}))
                        .then(store.delete(key))
                        .thenMany(store.get(key)))
                .verifyError(PhotoObjectNotFoundException.class);
    }

    private static Flux<ByteBuffer> chunks(byte[] content) {
        return Flux.range(0, (content.length + CHUNK - 1) / CHUNK)
                .map(i -> ByteBuffer.wrap(content, i * CHUNK, Math.min(CHUNK, content.length - i * CHUNK)).slice());
    }
}
