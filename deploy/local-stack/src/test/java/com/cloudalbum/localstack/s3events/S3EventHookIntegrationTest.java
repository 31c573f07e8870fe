package com.cloudalbum.localstack.s3events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.cloudalbum.localstack.RunningStackAccess;
import com.cloudalbum.localstack.provision.StackDefinition;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class S3EventHookIntegrationTest {

    private static final StackDefinition DEFINITION = StackDefinition.CLOUDALBUM;
    private static final String BUCKET = DEFINITION.photoBucket();
    private static S3Client s3;
    private static SqsClient sqs;
    private static String queueUrl;

    @BeforeAll
    static void startStack() throws Exception {
        RunningStackAccess.ensure();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        s3 = S3Client.builder().endpointOverride(URI.create("http://localhost:9090")).forcePathStyle(true)
                .region(Region.US_EAST_1).credentialsProvider(credentials).build();
        sqs = SqsClient.builder().endpointOverride(URI.create("http://localhost:9324"))
                .region(Region.US_EAST_1).credentialsProvider(credentials).build();
        queueUrl = sqs.getQueueUrl(r -> r.queueName(DEFINITION.thumbnailQueue().name())).queueUrl();
    }

    @AfterAll
    static void closeClients() {
        s3.close();
        sqs.close();
    }

    @BeforeEach
    void emptyQueue() {
        sqs.purgeQueue(r -> r.queueUrl(queueUrl));
    }

    @Test
    void putObject_whenKeyHasSpacePlusAndNonAscii_sendsOneEventWhoseDecodedKeyMatches() {
        String key = "photos/u-" + UUID.randomUUID() + "/my photo+1 é漢.jpg";
        String traceHeader = "Root=1-" + Long.toHexString(Instant.now().getEpochSecond()) + "-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1";
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);

        String eTag = s3.putObject(r -> r.bucket(BUCKET).key(key)
                        .overrideConfiguration(c -> c.putHeader("X-Amzn-Trace-Id", traceHeader)),
                RequestBody.fromBytes(body)).eTag().replace("\"", "");

        List<Message> messages = receiveAll(1);
        assertThat(messages).hasSize(1);
        DocumentContext event = JsonPath.parse(messages.get(0).body());
        String rawKey = event.read("$.Records[0].s3.object.key");
        assertThat(rawKey).contains("+").doesNotContain(" ");
        assertThat(URLDecoder.decode(rawKey, StandardCharsets.UTF_8)).isEqualTo(key);
        assertThat((String) event.read("$.Records[0].eventName")).isEqualTo("ObjectCreated:Put");
        assertThat((String) event.read("$.Records[0].eventSource")).isEqualTo("aws:s3");
        assertThat((String) event.read("$.Records[0].s3.bucket.name")).isEqualTo(BUCKET);
        assertThat(((Number) event.read("$.Records[0].s3.object.size")).longValue()).isEqualTo(body.length);
        assertThat((String) event.read("$.Records[0].s3.object.eTag")).isEqualTo(eTag);
        assertThat((String) event.read("$.Records[0].s3.object.sequencer")).matches("[0-9A-F]{16}");
        assertThat(Instant.parse(event.read("$.Records[0].eventTime"))).isBefore(Instant.now().plusSeconds(1));
        assertThat(messages.get(0).attributes()).containsEntry(MessageSystemAttributeName.AWS_TRACE_HEADER, traceHeader);
    }

    @Test
    void completeMultipartUpload_sendsOneCompleteMultipartUploadEventWithTotalSize() {
        String key = "photos/u-" + UUID.randomUUID() + "/original";
        byte[] part1 = new byte[5 * 1024 * 1024];
        byte[] part2 = new byte[1024 * 1024];
        new Random(1).nextBytes(part1);
        String uploadId = s3.createMultipartUpload(r -> r.bucket(BUCKET).key(key)).uploadId();
        String eTag1 = s3.uploadPart(r -> r.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1), RequestBody.fromBytes(part1)).eTag();
        String eTag2 = s3.uploadPart(r -> r.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(2), RequestBody.fromBytes(part2)).eTag();

        s3.completeMultipartUpload(r -> r.bucket(BUCKET).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(eTag1).build(),
                CompletedPart.builder().partNumber(2).eTag(eTag2).build())));

        List<Message> messages = receiveAll(1);
        assertThat(messages).hasSize(1);
        DocumentContext event = JsonPath.parse(messages.get(0).body());
        assertThat((String) event.read("$.Records[0].eventName")).isEqualTo("ObjectCreated:CompleteMultipartUpload");
        assertThat(((Number) event.read("$.Records[0].s3.object.size")).longValue()).isEqualTo(part1.length + part2.length);
        assertThat((String) event.read("$.Records[0].s3.object.key")).isEqualTo(key);
    }

    @Test
    void copyThenDelete_sendsCopyAndRemovedEventsInOrder() {
        String source = "photos/u-" + UUID.randomUUID() + "/a.jpg";
        String target = source.replace("a.jpg", "b.jpg");
        s3.putObject(r -> r.bucket(BUCKET).key(source), RequestBody.fromString("x"));
        receiveAll(1);

        s3.copyObject(r -> r.sourceBucket(BUCKET).sourceKey(source).destinationBucket(BUCKET).destinationKey(target));
        s3.deleteObject(r -> r.bucket(BUCKET).key(target));

        List<Message> messages = receiveAll(2);
        assertThat(messages).extracting(m -> (String) JsonPath.read(m.body(), "$.Records[0].eventName"))
                .containsExactly("ObjectCreated:Copy", "ObjectRemoved:Delete");
        assertThat(messages).extracting(m -> (String) JsonPath.read(m.body(), "$.Records[0].s3.object.key"))
                .containsOnly(target);
    }

    @Test
    void uploadPartAndTagging_sendNoEvent() {
        String key = "photos/u-" + UUID.randomUUID() + "/c.jpg";
        s3.createMultipartUpload(r -> r.bucket(BUCKET).key(key));
        s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString("x"));
        receiveAll(1);

        s3.putObjectTagging(r -> r.bucket(BUCKET).key(key).tagging(t -> t.tagSet(s -> s.key("k").value("v"))));
        s3.getObject(r -> r.bucket(BUCKET).key(key), (response, in) -> in.readAllBytes());

        assertThat(receiveAll(1)).isEmpty();
    }

    /** Receives until {@code expected} messages arrived or a poll came back empty; deletes what it got. */
    private static List<Message> receiveAll(int expected) {
        List<Message> received = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(received.size() >= expected ? 1 : 5)
                    .messageSystemAttributeNamesWithStrings("All")).messages();
            if (batch.isEmpty()) {
                return received;
            }
            batch.forEach(m -> sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
            received.addAll(batch);
        }
    }
}
