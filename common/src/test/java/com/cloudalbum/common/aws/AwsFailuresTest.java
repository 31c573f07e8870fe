package com.cloudalbum.common.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import com.cloudalbum.common.problem.ClassifiedFailure;
import com.cloudalbum.common.problem.ClassifiedFailure.Kind;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

class AwsFailuresTest {

    private final AwsFailures failures = new AwsFailures();

    @Test
    void classify_whenDynamoDbThrottles_isThrottledWithRetryAfter() {
        ClassifiedFailure failure = failures.classify(ProvisionedThroughputExceededException.builder()
                .statusCode(400).awsErrorDetails(details("ProvisionedThroughputExceededException")).build());

        assertThat(failure.kind()).isEqualTo(Kind.THROTTLED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(failure.status().value()).isEqualTo(503);
    }

    @Test
    void classify_whenThrottledBy429WithoutCode_isThrottled() {
        assertThat(failures.classify(AwsServiceException.builder().statusCode(429).build()).kind())
                .isEqualTo(Kind.THROTTLED);
    }

    @Test
    void classify_whenCognitoLimitExceeded_isThrottled() {
        assertThat(failures.classify(LimitExceededException.builder().statusCode(400)
                .awsErrorDetails(details("LimitExceededException")).build()).kind()).isEqualTo(Kind.THROTTLED);
    }

    @Test
    void classify_whenAws5xx_isUnavailableWithRetryAfter() {
        ClassifiedFailure failure = failures.classify(DynamoDbException.builder().statusCode(500)
                .awsErrorDetails(details("InternalServerError")).build());

        assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void classify_whenS3RequestTimeout400_isUnavailable() {
        assertThat(failures.classify(S3Exception.builder().statusCode(400).awsErrorDetails(details("RequestTimeout"))
                .build()).kind()).isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void classify_whenMultipartClientWrapsAThrottledPart_readsTheAwsAnswerInside() {
        SdkClientException wrapped = SdkClientException.create("Failed to send multipart upload requests",
                new CompletionException(S3Exception.builder().statusCode(503).awsErrorDetails(details("SlowDown")).build()));
        wrapped.addSuppressed(new AwsCallDescription("S3.PutObject [Bucket=photos]"));

        ClassifiedFailure failure = failures.classify(wrapped);

        assertThat(failure.kind()).isEqualTo(Kind.THROTTLED);
        assertThat(failure.summary()).isEqualTo("S3.PutObject [Bucket=photos] failed: SlowDown (HTTP 503)");
    }

    @Test
    void classify_whenCallOrAttemptTimesOut_isUnavailable() {
        assertThat(failures.classify(ApiCallTimeoutException.create(1000)).kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(failures.classify(ApiCallAttemptTimeoutException.create(1000)).kind()).isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void classify_whenConnectionRefused_isUnavailable() {
        SdkClientException refused = SdkClientException.create("Unable to execute HTTP request",
                new CompletionException(new ConnectException("Connection refused")));

        assertThat(failures.classify(refused).kind()).isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void classify_whenTableMissing_isMisconfiguredAndNamesTheTable() {
        ResourceNotFoundException missing = ResourceNotFoundException.builder().statusCode(400)
                .awsErrorDetails(details("ResourceNotFoundException")).message("Requested resource not found").build();
        ExecutionAttributes attributes = new ExecutionAttributes();
        attributes.putAttribute(SdkExecutionAttribute.SERVICE_NAME, "DynamoDb");
        attributes.putAttribute(SdkExecutionAttribute.OPERATION_NAME, "GetItem");
        missing.addSuppressed(new AwsCallDescription(AwsCallDescriptionInterceptor.describe(
                GetItemRequest.builder().tableName("NoSuchTable").build(), attributes)));

        ClassifiedFailure failure = failures.classify(new CompletionException(missing));

        assertThat(failure.kind()).isEqualTo(Kind.MISCONFIGURED);
        assertThat(failure.status().value()).isEqualTo(500);
        assertThat(failure.retryAfter()).isNull();
        assertThat(failure.summary()).contains("DynamoDb.GetItem [TableName=NoSuchTable]").contains("ResourceNotFoundException");
    }

    @Test
    void classify_whenAccessDeniedOrAny403_isMisconfigured() {
        assertThat(failures.classify(S3Exception.builder().statusCode(403).awsErrorDetails(details("AccessDenied")).build())
                .kind()).isEqualTo(Kind.MISCONFIGURED);
        assertThat(failures.classify(AwsServiceException.builder().statusCode(403).build()).kind())
                .isEqualTo(Kind.MISCONFIGURED);
        assertThat(failures.classify(DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(details("UnrecognizedClientException")).build()).kind()).isEqualTo(Kind.MISCONFIGURED);
    }

    @Test
    void classify_whenNoCredentials_isMisconfigured() {
        assertThat(failures.classify(SdkClientException.create("Unable to load credentials from any of the providers in the chain"))
                .kind()).isEqualTo(Kind.MISCONFIGURED);
    }

    @Test
    void classify_whenOther4xx_isABug() {
        ClassifiedFailure failure = failures.classify(DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(details("ValidationException")).build());

        assertThat(failure.kind()).isEqualTo(Kind.BUG);
        assertThat(failure.status().value()).isEqualTo(500);
    }

    @Test
    void classify_whenNotAnSdkException_leavesItToOthers() {
        assertThat(failures.classify(new IllegalStateException("no"))).isNull();
    }

    @Test
    void describe_namesServiceOperationAndResource() {
        ExecutionAttributes attributes = new ExecutionAttributes();
        attributes.putAttribute(SdkExecutionAttribute.SERVICE_NAME, "S3");
        attributes.putAttribute(SdkExecutionAttribute.OPERATION_NAME, "PutObject");

        assertThat(AwsCallDescriptionInterceptor.describe(PutObjectRequest.builder().bucket("photos").key("photos/u/p/original")
                .contentType("image/jpeg").build(), attributes))
                .isEqualTo("S3.PutObject [Bucket=photos, Key=photos/u/p/original]");
    }

    @Test
    void errorCode_readsTheSdksErrorCode() {
        assertThat(AwsFailures.errorCode(new RuntimeException(AwsServiceException.builder().statusCode(500)
                .awsErrorDetails(details("Unsupported")).message("CognitoLocal#Unsupported: whatever").build())))
                .isEqualTo("Unsupported");
        assertThat(AwsFailures.errorCode(SdkClientException.create("x"))).isNull();
    }

    private static AwsErrorDetails details(String code) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(code).build();
    }
}
