package com.cloudalbum.localstack.s3events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.cloudalbum.localstack.RunningStackAccess;
import com.cloudalbum.localstack.provision.StackDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

class AbortKeepsObjectIntegrationTest {

    private static final String BUCKET = StackDefinition.CLOUDALBUM.photoBucket();
    private static S3Client s3;

    @BeforeAll
    static void startStack() throws Exception {
        RunningStackAccess.ensure();
        s3 = S3Client.builder().endpointOverride(URI.create("http://localhost:9090")).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    @Test
    void abortMultipartUpload_ofAStaleUploadOfAStoredKey_keepsTheObject() {
        String key = "photos/u-" + UUID.randomUUID() + "/p/original";
        String stale = s3.createMultipartUpload(r -> r.bucket(BUCKET).key(key)).uploadId();
        String used = s3.createMultipartUpload(r -> r.bucket(BUCKET).key(key)).uploadId();
        String eTag = s3.uploadPart(r -> r.bucket(BUCKET).key(key).uploadId(used).partNumber(1),
                RequestBody.fromString("the photo")).eTag();
        s3.completeMultipartUpload(r -> r.bucket(BUCKET).key(key).uploadId(used)
                .multipartUpload(u -> u.parts(CompletedPart.builder().partNumber(1).eTag(eTag).build())));

        s3.abortMultipartUpload(r -> r.bucket(BUCKET).key(key).uploadId(stale));

        assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asString(StandardCharsets.UTF_8)).isEqualTo("the photo");
        assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET).prefix(key)).contents()).hasSize(1);
        assertThat(s3.listMultipartUploads(r -> r.bucket(BUCKET).prefix(key)).uploads()).isEmpty();
    }

    @Test
    void abortMultipartUpload_ofAKeyWithoutObject_dropsTheUpload() {
        String key = "photos/u-" + UUID.randomUUID() + "/p/original";
        String upload = s3.createMultipartUpload(r -> r.bucket(BUCKET).key(key)).uploadId();
        s3.uploadPart(r -> r.bucket(BUCKET).key(key).uploadId(upload).partNumber(1), RequestBody.fromString("half"));

        s3.abortMultipartUpload(r -> r.bucket(BUCKET).key(key).uploadId(upload));

        assertThat(s3.listMultipartUploads(r -> r.bucket(BUCKET).prefix(key)).uploads()).isEmpty();
        assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET).prefix(key)).contents()).isEmpty();
    }
}
