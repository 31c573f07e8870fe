package com.cloudalbum.photo.album;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;

import com.cloudalbum.common.test.LocalAws;
import com.cloudalbum.photo.config.PhotoProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** URLs signed with a chosen time, against S3Mock, in the shape the SDK's presigner gives. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class S3UrlSignerIntegrationTest {

    @Autowired
    S3UrlSigner signer;
    @Autowired
    S3Presigner presigner;
    @Autowired
    S3AsyncClient s3;
    @Autowired
    PhotoProperties properties;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        LocalAws.registerEndpoints(registry);
    }

    @Test
    void sign_atAWindowStart_fetchesTheObject() throws Exception {
        String key = "photos/test-" + UUID.randomUUID() + "/thumbnail.jpg";
        s3.putObject(r -> r.bucket(properties.bucket()).key(key).contentType("image/jpeg"),
                AsyncRequestBody.fromString("jpeg bytes")).get();
        Instant windowStart = Instant.now().truncatedTo(ChronoUnit.HOURS);

        String url = signer.sign(key, windowStart, Duration.ofMinutes(75));
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("jpeg bytes");
        assertThat(url).contains("X-Amz-Date=" + windowStart.toString().replace("-", "").replace(":", ""))
                .contains("X-Amz-Expires=4500");
    }

    @Test
    void sign_atTheSdkPresignersTime_givesTheSdkPresignersUrl() {
        String key = "photos/u-1/p-1/thumbnail.jpg";
        String sdk = presigner.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(75))
                .getObjectRequest(g -> g.bucket(properties.bucket()).key(key))).url().toString();
        Instant sdkTime = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX")
                .parse(queryValue(sdk, "X-Amz-Date"), Instant::from);

        assertThat(signer.sign(key, sdkTime, Duration.ofMinutes(75))).isEqualTo(sdk);
    }

    static String queryValue(String url, String name) {
        return Arrays.stream(URI.create(url).getRawQuery().split("&"))
                .filter(pair -> pair.startsWith(name + "=")).map(pair -> pair.substring(name.length() + 1))
                .findFirst().orElseThrow();
    }
}
