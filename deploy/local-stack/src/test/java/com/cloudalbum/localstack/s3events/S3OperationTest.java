package com.cloudalbum.localstack.s3events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

class S3OperationTest {

    @Test
    void of_whenPlainPut_isObjectCreatedPutWithDecodedKey() {
        assertThat(S3Operation.of("PUT", "/b/photos/a%20b+c%C3%A9.jpg", "x-id=PutObject", false, 200))
                .contains(new S3Operation("ObjectCreated:Put", "b", "photos/a b+cé.jpg"));
    }

    @Test
    void of_whenUploadPartOrBucketCallOrFailure_isEmpty() {
        assertThat(S3Operation.of("PUT", "/b/k", "partNumber=1&uploadId=x", false, 200)).isEmpty();
        assertThat(S3Operation.of("PUT", "/b", null, false, 200)).isEmpty();
        assertThat(S3Operation.of("PUT", "/b/k", null, false, 403)).isEmpty();
        assertThat(S3Operation.of("DELETE", "/b/k", "uploadId=x", false, 204)).isEmpty();
    }

    @Test
    void of_whenCopyCompleteOrDelete_namesTheEvent() {
        assertThat(S3Operation.of("PUT", "/b/k", null, true, 200)).map(S3Operation::eventName).contains("ObjectCreated:Copy");
        assertThat(S3Operation.of("POST", "/b/k", "uploadId=abc", false, 200)).map(S3Operation::eventName)
                .contains("ObjectCreated:CompleteMultipartUpload");
        assertThat(S3Operation.of("DELETE", "/b/k", null, false, 204)).map(S3Operation::eventName).contains("ObjectRemoved:Delete");
    }

    @Test
    void abortMultipartUpload_whenDeleteWithUploadId_isThatUploadOfThatKey() {
        assertThat(S3Operation.abortMultipartUpload("DELETE", "/b/photos/a%20b/original", "uploadId=u%2B1&x-id=AbortMultipartUpload"))
                .contains(new S3Operation.UploadCall("b", "photos/a b/original", "u+1"));
        assertThat(S3Operation.abortMultipartUpload("DELETE", "/b/k", null)).isEmpty();
        assertThat(S3Operation.abortMultipartUpload("POST", "/b/k", "uploadId=u")).isEmpty();
        assertThat(S3Operation.abortMultipartUpload("DELETE", "/b", "uploadId=u")).isEmpty();
    }

    @Test
    void encodeKey_encodesLikeS3_spaceAsPlusAndSlashKept() {
        assertThat(S3EventJson.encodeKey("photos/my photo+1 é.jpg")).isEqualTo("photos/my+photo%2B1+%C3%A9.jpg");
    }

    @Test
    void matches_whenPrefixOrEventDiffers_isFalse() {
        var rule = new S3EventProperties(URI.create("http://q"), "b", "photos/", "/original",
                List.of("s3:ObjectCreated:*"), "us-east-1");
        assertThat(rule.matches(new S3Operation("ObjectCreated:Put", "b", "photos/u/p/original"))).isTrue();
        assertThat(rule.matches(new S3Operation("ObjectCreated:Put", "b", "photos/u/p/thumb.jpg"))).isFalse();
        assertThat(rule.matches(new S3Operation("ObjectCreated:Put", "b", "other/u/p/original"))).isFalse();
        assertThat(rule.matches(new S3Operation("ObjectRemoved:Delete", "b", "photos/u/p/original"))).isFalse();
    }
}
