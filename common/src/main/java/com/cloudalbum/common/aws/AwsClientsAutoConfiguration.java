package com.cloudalbum.common.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * One SDK v2 async client per AWS service the application has on its classpath, all on one shared
 * Netty HTTP client with explicit timeouts. {@code endpointOverride} is set only when configured.
 * Every {@link ExecutionInterceptor} bean is added to every client; with tracing on, that includes
 * OpenTelemetry's, which makes a client span of each call and sends its {@code X-Amzn-Trace-Id}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration")
@ConditionalOnClass({SdkAsyncHttpClient.class, NettyNioAsyncHttpClient.class})
@EnableConfigurationProperties(AwsProperties.class)
public class AwsClientsAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    SdkAsyncHttpClient awsHttpClient(AwsProperties properties) {
        AwsProperties.Http http = properties.http();
        return NettyNioAsyncHttpClient.builder()
                .connectionTimeout(http.connectionTimeout())
                .connectionAcquisitionTimeout(http.connectionAcquisitionTimeout())
                .maxConcurrency(http.maxConcurrency())
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    AwsCredentialsProvider awsCredentialsProvider(AwsProperties properties) {
        AwsProperties.Credentials credentials = properties.credentials();
        return credentials.isStatic()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey()))
                : DefaultCredentialsProvider.builder().build();
    }

    /**
     * Spans for SDK calls, parented by the span current on the thread that calls the client: adapt
     * the futures lazily with {@code TraceScope.future(() -> client.call(...))}, which calls at subscription
     * with the subscriber's trace set on the thread (Reactor's {@code limited} propagation does not set it).
     */
    @Bean
    @ConditionalOnClass(AwsSdkTelemetry.class)
    @ConditionalOnBean(OpenTelemetry.class)
    ExecutionInterceptor awsSdkTracingInterceptor(OpenTelemetry openTelemetry) {
        return AwsSdkTelemetry.create(openTelemetry).newExecutionInterceptor();
    }

    /**
     * SQS holds a long-polling ReceiveMessage for up to 20 s, the service's maximum: an attempt timeout below that
     * would turn every empty poll into a timeout and a retry.
     */
    static final Duration SQS_LONG_POLL_ATTEMPT = Duration.ofSeconds(25);

    /** Applies region, credentials, HTTP client, interceptors, timeouts, retries and an optional endpoint. */
    static <B extends AwsAsyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B configure(
            B builder, Shared shared, URI endpoint) {
        return configure(builder, shared, endpoint, Duration.ZERO);
    }

    /** As above, with attempts allowed at least {@code minimumAttempt} (and the whole call one attempt more). */
    static <B extends AwsAsyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B configure(B builder,
            Shared shared, URI endpoint, Duration minimumAttempt) {
        AwsProperties properties = shared.properties();
        AwsProperties.Http limits = properties.http();
        Duration attempt = max(limits.apiCallAttemptTimeout(), minimumAttempt);
        Duration call = max(limits.apiCallTimeout(), attempt.plus(minimumAttempt));
        builder.region(Region.of(properties.region()))
                .credentialsProvider(shared.credentials())
                .httpClient(shared.http())
                .overrideConfiguration(c -> c
                        .executionInterceptors(shared.interceptors())
                        .apiCallTimeout(call)
                        .apiCallAttemptTimeout(attempt)
                        .retryStrategy(limits.maxAttempts() == 1
                                ? AwsRetryStrategy.doNotRetry()
                                : AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(limits.maxAttempts()).build()));
        if (AwsProperties.isSet(endpoint)) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** What every client is built with. */
    record Shared(AwsProperties properties, SdkAsyncHttpClient http, AwsCredentialsProvider credentials,
            List<ExecutionInterceptor> interceptors) {

        static Shared of(AwsProperties properties, SdkAsyncHttpClient http, AwsCredentialsProvider credentials,
                ObjectProvider<ExecutionInterceptor> interceptors) {
            return new Shared(properties, http, credentials, interceptors.orderedStream().toList());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DynamoDbAsyncClient.class)
    static class DynamoDb {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        DynamoDbAsyncClient dynamoDbAsyncClient(AwsProperties properties, SdkAsyncHttpClient http,
                AwsCredentialsProvider credentials, ObjectProvider<ExecutionInterceptor> interceptors) {
            return configure(DynamoDbAsyncClient.builder(), Shared.of(properties, http, credentials, interceptors),
                    properties.endpoints().dynamodb()).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DynamoDbEnhancedAsyncClient.class)
    static class DynamoDbEnhanced {

        @Bean
        @ConditionalOnMissingBean
        DynamoDbEnhancedAsyncClient dynamoDbEnhancedAsyncClient(DynamoDbAsyncClient dynamo) {
            return DynamoDbEnhancedAsyncClient.builder().dynamoDbClient(dynamo).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(S3AsyncClient.class)
    static class S3 {

        /**
         * A plain client: photo-service streams each upload into requests of known length (one PutObject, or parts
         * it sizes itself), so the SDK's multipart client and its per-upload buffer are not needed.
         */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        S3AsyncClient s3AsyncClient(AwsProperties properties, SdkAsyncHttpClient http, AwsCredentialsProvider credentials,
                ObjectProvider<ExecutionInterceptor> interceptors) {
            S3AsyncClientBuilder builder = configure(S3AsyncClient.builder(), Shared.of(properties, http, credentials, interceptors),
                            properties.endpoints().s3())
                    .forcePathStyle(AwsProperties.isSet(properties.endpoints().s3()))
                    .requestChecksumCalculation(properties.s3().checksums()
                            ? RequestChecksumCalculation.WHEN_SUPPORTED : RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(properties.s3().checksums()
                            ? ResponseChecksumValidation.WHEN_SUPPORTED : ResponseChecksumValidation.WHEN_REQUIRED);
            return builder.build();
        }

        /** One presigner for the application: it is thread-safe and holds its own credential cache. */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        S3Presigner s3Presigner(AwsProperties properties, AwsCredentialsProvider credentials) {
            S3Presigner.Builder builder = S3Presigner.builder()
                    .region(Region.of(properties.region()))
                    .credentialsProvider(credentials)
                    .serviceConfiguration(S3Configuration.builder()
                            .pathStyleAccessEnabled(AwsProperties.isSet(properties.endpoints().s3()))
                            .build());
            if (AwsProperties.isSet(properties.endpoints().s3())) {
                builder.endpointOverride(properties.endpoints().s3());
            }
            return builder.build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SqsAsyncClient.class)
    static class Sqs {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        SqsAsyncClient sqsAsyncClient(AwsProperties properties, SdkAsyncHttpClient http, AwsCredentialsProvider credentials,
                ObjectProvider<ExecutionInterceptor> interceptors) {
            return configure(SqsAsyncClient.builder(), Shared.of(properties, http, credentials, interceptors),
                    properties.endpoints().sqs(), SQS_LONG_POLL_ATTEMPT).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(CognitoIdentityProviderAsyncClient.class)
    static class Cognito {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        CognitoIdentityProviderAsyncClient cognitoIdentityProviderAsyncClient(AwsProperties properties,
                SdkAsyncHttpClient http, AwsCredentialsProvider credentials, ObjectProvider<ExecutionInterceptor> interceptors) {
            return configure(CognitoIdentityProviderAsyncClient.builder(), Shared.of(properties, http, credentials, interceptors),
                    properties.endpoints().cognito()).build();
        }
    }
}
