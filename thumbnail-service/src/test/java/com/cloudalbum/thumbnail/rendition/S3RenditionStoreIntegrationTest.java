package com.cloudalbum.thumbnail.rendition;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import com.cloudalbum.common.test.LocalAws;
import com.cloudalbum.thumbnail.config.ThumbnailProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.test.StepVerifier;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** A rendition fetched through a presigned URL, as a browser does, carries the long cache lifetime (S3Mock). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class S3RenditionStoreIntegrationTest {

    @Autowired
    RenditionStore store;
    @Autowired
    S3Presigner presigner;
    @Autowired
    ThumbnailProperties properties;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        LocalAws.registerEndpoints(registry);
    }

    @Test
    void put_thenPresignedGet_answersWithPublicImmutableCacheControl() throws Exception {
        String key = "photos/test-" + UUID.randomUUID() + "/p/thumbnail.jpg";
        StepVerifier.create(store.put(key, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9}, "image/jpeg")).verifyComplete();
        String url = presigner.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(g -> g.bucket(properties.bucket()).key(key))).url().toString();

        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    }
}
