package com.cloudalbum.common.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Flux;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

class AwsClientsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AwsClientsAutoConfiguration.class));

    @Test
    void clients_whenEndpointsConfigured_overrideEndpointAndUseStaticCredentials() {
        runner.withPropertyValues(
                        "album.aws.region=eu-west-1",
                        "album.aws.endpoints.dynamodb=http://localhost:8000",
                        "album.aws.endpoints.sqs=http://localhost:9324",
                        "album.aws.credentials.access-key-id=test",
                        "album.aws.credentials.secret-access-key=test")
                .run(context -> {
                    assertThat(context).hasSingleBean(SdkAsyncHttpClient.class)
                            .hasSingleBean(DynamoDbEnhancedAsyncClient.class)
                            .hasSingleBean(S3AsyncClient.class)
                            .hasSingleBean(S3Presigner.class)
                            .hasSingleBean(CognitoIdentityProviderAsyncClient.class);
                    assertThat(context.getBean(DynamoDbAsyncClient.class).serviceClientConfiguration().endpointOverride())
                            .contains(URI.create("http://localhost:8000"));
                    assertThat(context.getBean(SqsAsyncClient.class).serviceClientConfiguration().region().id())
                            .isEqualTo("eu-west-1");
                    assertThat(context.getBean(AwsCredentialsProvider.class)).isInstanceOf(StaticCredentialsProvider.class);
                });
    }

    @Test
    void sqsClient_attemptTimeout_outlastsTheLongestLongPoll() {
        runner.withPropertyValues("album.aws.http.api-call-attempt-timeout=10s", "album.aws.http.api-call-timeout=30s")
                .run(context -> {
                    var sqs = context.getBean(SqsAsyncClient.class).serviceClientConfiguration().overrideConfiguration();
                    assertThat(sqs.apiCallAttemptTimeout()).hasValueSatisfying(
                            timeout -> assertThat(timeout).isGreaterThan(Duration.ofSeconds(20)));
                    assertThat(sqs.apiCallTimeout()).hasValueSatisfying(
                            timeout -> assertThat(timeout).isGreaterThan(sqs.apiCallAttemptTimeout().orElseThrow()));
                    var dynamo = context.getBean(DynamoDbAsyncClient.class).serviceClientConfiguration().overrideConfiguration();
                    assertThat(dynamo.apiCallAttemptTimeout()).contains(Duration.ofSeconds(10));
                });
    }

    @Test
    void clients_whenEndpointsEmpty_useRegionalEndpointsAndDefaultCredentialChain() {
        runner.withPropertyValues(
                        "album.aws.endpoints.dynamodb=",
                        "album.aws.credentials.access-key-id=",
                        "album.aws.credentials.secret-access-key=")
                .run(context -> {
                    assertThat(context.getBean(DynamoDbAsyncClient.class).serviceClientConfiguration().endpointOverride()).isEmpty();
                    assertThat(context.getBean(AwsCredentialsProvider.class)).isInstanceOf(DefaultCredentialsProvider.class);
                });
    }

    /** Each byte of an upload would cost a SHA-256 if signed and a CRC if checksummed: neither by default. */
    @Test
    void s3Client_putObject_sendsAnUnsignedPayloadOfKnownLength_withChecksumsOnlyWhenAsked() throws Exception {
        var headers = putObjectHeaders(false);
        assertThat(headers.get("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(headers.get("content-length")).isEqualTo("11");
        assertThat(headers.keySet()).noneMatch(name -> name.startsWith("x-amz-checksum") || name.equals("x-amz-trailer"));
        assertThat(putObjectHeaders(true).keySet()).anyMatch(name -> name.startsWith("x-amz-checksum") || name.equals("x-amz-trailer"));
    }

    /** The headers of one PutObject of 11 bytes, received by a loopback stub standing in for S3. */
    private Map<String, String> putObjectHeaders(boolean checksums) throws Exception {
        Map<String, String> headers = new ConcurrentHashMap<>();
        HttpServer stub = HttpServer.create(
                new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/", exchange -> {
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("ETag", "\"e\"");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        stub.start();
        try {
            runner.withPropertyValues("album.aws.endpoints.s3=http://127.0.0.1:" + stub.getAddress().getPort(),
                            "album.aws.credentials.access-key-id=test", "album.aws.credentials.secret-access-key=test",
                            "album.aws.s3.checksums=" + checksums)
                    .run(context -> context.getBean(S3AsyncClient.class)
                            .putObject(r -> r.bucket("b").key("k").contentLength(11L),
                                    AsyncRequestBody.fromPublisher(Flux.just(
                                            ByteBuffer.wrap("hello world".getBytes()))))
                            .get(10, TimeUnit.SECONDS));
        } finally {
            stub.stop(0);
        }
        return headers;
    }

    @Test
    void credentials_toString_neverShowsTheSecret() {
        var credentials = new AwsProperties.Credentials("AKIDEXAMPLE", "very-secret");

        assertThat(credentials.toString()).doesNotContain("very-secret").doesNotContain("AKIDEXAMPLE");
    }
}
