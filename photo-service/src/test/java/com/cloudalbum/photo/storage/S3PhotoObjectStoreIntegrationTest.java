package com.cloudalbum.photo.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;

import com.cloudalbum.common.test.LocalAws;
import com.cloudalbum.photo.config.PhotoProperties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "album.photo.sweeper.enabled=false")
class S3PhotoObjectStoreIntegrationTest {

    private static final int CHUNK = 64 * 1024;
    private static final int PART = 5 * 1024 * 1024;

    @Autowired
    PhotoObjectStore store;

    @Autowired
    S3AsyncClient s3;

    @Autowired
    PhotoProperties properties;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        LocalAws.registerEndpoints(registry);
    }

    @Test
    void putInParts_whenLargerThanOnePart_storesAllBytesAsMultipart() throws Exception {
        byte[] content = new byte[11 * 1024 * 1024 + 123];
        new Random(7).nextBytes(content);
        String key = "photos/test-" + UUID.randomUUID() + "/original";

        StepVerifier.create(store.putInParts(key, "image/jpeg", chunks(content), PART)
                        .doOnNext(stored -> assertThat(stored.eTag()).contains("-3")) // 5 MiB + 5 MiB + rest
                        .then(digest(key)))
                .assertNext(digest -> assertThat(digest).isEqualTo(sha256(content)))
                .verifyComplete();
    }

    @Test
    void putInParts_whenSmallerThanOnePart_storesOneObjectWithoutMultipart() throws Exception {
        byte[] content = new byte[300_000];
        new Random(8).nextBytes(content);
        String key = "photos/test-" + UUID.randomUUID() + "/original";

        StepVerifier.create(store.putInParts(key, "image/jpeg", chunks(content), PART)
                        .doOnNext(stored -> assertThat(stored.eTag()).doesNotContain("-"))
                        .then(digest(key)))
                .assertNext(digest -> assertThat(digest).isEqualTo(sha256(content)))
                .verifyComplete();
    }

    @Test
    void putInParts_whenStreamFailsAfterAPart_abortsTheMultipartUploadAndStoresNothing() {
        String prefix = "photos/test-" + UUID.randomUUID() + "/";
        byte[] content = new byte[6 * 1024 * 1024];

        StepVerifier.create(store.putInParts(prefix + "original", "image/jpeg",
                        chunks(content).concatWith(Mono.error(new IllegalStateException("client gone"))), PART))
                .verifyErrorMessage("client gone");

        assertThat(s3.listMultipartUploads(r -> r.bucket(properties.bucket()).prefix(prefix)).join().uploads()).isEmpty();
        StepVerifier.create(store.exists(prefix + "original")).expectNext(false).verifyComplete();
    }

    @Test
    void putInParts_whenCancelledAfterAPart_abortsTheMultipartUpload() {
        String prefix = "photos/test-" + UUID.randomUUID() + "/";
        byte[] content = new byte[6 * 1024 * 1024];

        StepVerifier.create(store.putInParts(prefix + "original", "image/jpeg", chunks(content).concatWith(Flux.never()), PART))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(2))
                .thenCancel()
                .verify();

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(s3.listMultipartUploads(r -> r.bucket(properties.bucket()).prefix(prefix)).join().uploads()).isEmpty());
    }

    @Test
    void put_withKnownLength_storesOneObject() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 7];
        new Random(9).nextBytes(content);
        String key = "photos/test-" + UUID.randomUUID() + "/original";

        StepVerifier.create(store.put(key, "image/jpeg", content.length, chunks(content), Duration.ofMinutes(1))
                        .then(digest(key)))
                .assertNext(digest -> assertThat(digest).isEqualTo(sha256(content)))
                .verifyComplete();
    }

    @Test
    void put_whenBodyFailsHalfWay_storesNothing() {
        byte[] content = new byte[2 * 1024 * 1024];
        String key = "photos/test-" + UUID.randomUUID() + "/original";

        StepVerifier.create(store.put(key, "image/jpeg", content.length * 2L,
                        chunks(content).concatWith(Mono.error(new IllegalStateException("short body"))), Duration.ofMinutes(1)))
                .verifyError();

        StepVerifier.create(store.exists(key)).expectNext(false).verifyComplete();
    }

    @Test
    void delete_afterPut_leavesNoObject() {
        String key = "photos/test-" + UUID.randomUUID() + "/original";

        StepVerifier.create(store.putInParts(key, "image/png", chunks(new byte[] {1, 2, 3}), PART)
                        .then(store.delete(key))
                        .then(store.exists(key)))
                .expectNext(false)
                .verifyComplete();
    }

    /** Read back with the SDK itself: the store has no read path (nothing in production reads originals here). */
    private Mono<byte[]> digest(String key) {
        return Mono.fromFuture(() -> s3.getObject(r -> r.bucket(properties.bucket()).key(key), AsyncResponseTransformer.toBytes()))
                .map(bytes -> newDigest().digest(bytes.asByteArray()));
    }

    private static byte[] sha256(byte[] content) {
        return newDigest().digest(content);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Flux<ByteBuffer> chunks(byte[] content) {
        return Flux.range(0, (content.length + CHUNK - 1) / CHUNK)
                .map(i -> ByteBuffer.wrap(content, i * CHUNK, Math.min(CHUNK, content.length - i * CHUNK)).slice());
    }
}
