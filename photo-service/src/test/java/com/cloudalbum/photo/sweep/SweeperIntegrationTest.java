package com.cloudalbum.photo.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.cloudalbum.common.test.LocalAws;
import com.cloudalbum.contract.photo.PhotoKey;
import com.cloudalbum.photo.catalog.PhotoRecord;
import com.cloudalbum.photo.catalog.PhotoRepository;
import com.cloudalbum.photo.config.PhotoProperties;
import com.cloudalbum.photo.storage.PhotoObjectStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The sweeper against DynamoDB Local, S3Mock and ElasticMQ, one run at a time (its schedule is off here). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "album.photo.sweeper.enabled=false", "album.photo.sweeper.orphan-grace=0s",
        "album.photo.sweeper.processing-deadline=0s", "album.photo.sweeper.batch=1000"})
class SweeperIntegrationTest {

    @Autowired
    Sweeper sweeper;

    @Autowired
    PhotoRepository photos;

    @Autowired
    PhotoObjectStore store;

    @Autowired
    PhotoProperties properties;

    @Autowired
    DynamoDbAsyncClient dynamo;

    @Autowired
    S3AsyncClient s3;

    @Autowired
    SqsAsyncClient sqs;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        LocalAws.registerEndpoints(registry);
    }

    @Test
    void sweepOnce_uploadingPastItsDeadline_removesItemAndObject() {
        PhotoRecord photo = uploading();
        photos.createUploading(photo, past()).block();
        putOriginal(photo);

        sweeper.sweepOnce().block();

        assertThat(item(photo)).isNull();
        assertThat(keys(photo)).isEmpty();
    }

    @Test
    void sweepOnce_uploadingBeforeItsDeadline_leavesItAlone() {
        PhotoRecord photo = uploading();
        photos.createUploading(photo, Instant.now().plus(Duration.ofMinutes(5))).block();

        sweeper.sweepOnce().block();

        assertThat(item(photo).get("status").s()).isEqualTo("UPLOADING");
    }

    @Test
    void sweepOnce_processingPastItsDeadline_redrivesTheEventOnce_thenFailsWithTimeout() {
        PhotoRecord photo = processing();
        putOriginal(photo);

        sweeper.sweepOnce().block();

        assertThat(item(photo).get("status").s()).isEqualTo("PROCESSING");
        assertThat(item(photo).get("redrives").n()).isEqualTo("1");
        assertThat(awaitMessageNaming(photo.originalKey()).body())
                .contains("\"eventName\":\"ObjectCreated:Put\"", "\"name\":\"" + properties.bucket() + "\"");

        sweeper.sweepOnce().block();

        Map<String, AttributeValue> failed = item(photo);
        assertThat(failed.get("status").s()).isEqualTo("FAILED");
        assertThat(failed.get("failure_reason").s()).isEqualTo("processing-timeout");
        assertThat(failed).doesNotContainKeys("pending", "deadline");
    }

    @Test
    void sweepOnce_processingWithoutItsOriginal_failsWithOriginalMissing() {
        PhotoRecord photo = processing();

        sweeper.sweepOnce().block();

        assertThat(item(photo).get("failure_reason").s()).isEqualTo("original-missing");
    }

    @Test
    void sweepOnce_deletingPastItsDeadline_finishesTheDelete() {
        PhotoRecord photo = processing();
        putOriginal(photo);
        assertThat(photos.claimForCleanup(photo.userId(), photo.id(), "PROCESSING", past()).block()).isTrue();

        sweeper.sweepOnce().block();

        assertThat(item(photo)).isNull();
        assertThat(keys(photo)).isEmpty();
    }

    @Test
    void sweepOnce_objectsWithoutAnItem_areRemoved_andObjectsWithOneAreKept() {
        PhotoRecord orphan = uploading();
        putOriginal(orphan);
        s3.putObject(r -> r.bucket(properties.bucket()).key(orphan.key().rendition("thumbnail.jpg")),
                AsyncRequestBody.fromBytes(new byte[] {1})).join();
        PhotoRecord kept = processing();
        putOriginal(kept);

        // the scan goes a page a run; the bucket holds other tests' objects too
        for (int run = 0; run < 20 && !keys(orphan).isEmpty(); run++) {
            sweeper.sweepOnce().block();
        }

        assertThat(keys(orphan)).isEmpty();
        assertThat(keys(kept)).containsExactly(kept.originalKey());
    }

    @Test
    void sweepOnce_incompleteMultipartUpload_isAborted() {
        String key = uploading().originalKey();
        s3.createMultipartUpload(r -> r.bucket(properties.bucket()).key(key)).join();

        sweeper.sweepOnce().block();

        assertThat(s3.listMultipartUploads(r -> r.bucket(properties.bucket()).prefix(key)).join().uploads()).isEmpty();
    }

    private PhotoRecord uploading() {
        String user = UUID.randomUUID().toString();
        String id = "01SWEEP" + UUID.randomUUID().toString().replace("-", "").substring(0, 19).toUpperCase();
        return PhotoRecord.uploaded(user, id, new PhotoKey(user, id).original(), 3, "image/jpeg", "a.jpg", List.of(), null,
                null, PhotoRecord.Capture.unknown(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** An item PROCESSING whose deadline has passed. */
    private PhotoRecord processing() {
        PhotoRecord photo = uploading();
        photos.createUploading(photo, Instant.now().plus(Duration.ofMinutes(5))).block();
        photos.completeUpload(photo, past()).block();
        return photo;
    }

    private void putOriginal(PhotoRecord photo) {
        store.putInParts(photo.originalKey(), "image/jpeg", Flux.just(ByteBuffer.wrap(new byte[] {1, 2, 3})), 5 * 1024 * 1024)
                .block();
    }

    private static Instant past() {
        return Instant.now().minus(Duration.ofMinutes(1));
    }

    private Map<String, AttributeValue> item(PhotoRecord photo) {
        var response = dynamo.getItem(r -> r.tableName(properties.table()).consistentRead(true)
                .key(Map.of("user_id", AttributeValue.fromS(photo.userId()), "id", AttributeValue.fromS(photo.id())))).join();
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }

    private List<String> keys(PhotoRecord photo) {
        return s3.listObjectsV2(r -> r.bucket(properties.bucket()).prefix(photo.key().prefix())).join().contents().stream()
                .map(o -> o.key()).toList();
    }

    private Message awaitMessageNaming(String key) {
        String url = sqs.getQueueUrl(r -> r.queueName(properties.sweeper().thumbnailQueue())).join().queueUrl();
        for (int i = 0; i < 60; i++) {
            for (Message message : sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).join().messages()) {
                if (message.body().contains(key)) {
                    return message;
                }
            }
        }
        throw new AssertionError("no re-driven event for " + key);
    }
}
