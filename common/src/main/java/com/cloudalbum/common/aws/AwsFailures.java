package com.cloudalbum.common.aws;

import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import com.cloudalbum.common.problem.ClassifiedFailure;
import com.cloudalbum.common.problem.FailureClassifier;
import com.cloudalbum.common.problem.TransportFailures;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * The one map from SDK v2 exceptions to what they mean for a request ({@link ClassifiedFailure}), by
 * HTTP status and AWS error code, never by message text:
 * <ul>
 *   <li>throttling (the SDK's throttling codes, 429, Cognito's {@code LimitExceededException}) → THROTTLED;</li>
 *   <li>AWS 5xx, {@code RequestTimeout}, call and attempt timeouts, connection failures → UNAVAILABLE;</li>
 *   <li>access denied, bad or expired credentials, a table, bucket, queue or pool that does not exist,
 *       any 403 → MISCONFIGURED (a retry does not help, an operator must);</li>
 *   <li>any other 4xx (the request this service built was wrong) and other client-side errors → BUG.</li>
 * </ul>
 * Adapters map the codes that mean something in their domain (a failed condition, a missing key)
 * first and let the rest through: {@code ProblemErrorWebExceptionHandler} answers those with this map.
 */
public final class AwsFailures implements FailureClassifier, Ordered {

    private static final Set<String> THROTTLING_CODES = Set.of("LimitExceededException", "TooManyRequestsException",
            "RequestLimitExceeded", "ProvisionedThroughputExceededException", "ThrottlingException", "Throttling",
            "SlowDown");

    private static final Set<String> UNAVAILABLE_CODES = Set.of("RequestTimeout", "RequestTimeoutException",
            "PriorRequestNotComplete", "InternalError", "InternalFailure", "InternalServerError", "ServiceUnavailable",
            "InternalErrorException");

    private static final Set<String> MISCONFIGURATION_CODES = Set.of(
            // permissions and credentials
            "AccessDenied", "AccessDeniedException", "UnrecognizedClientException", "InvalidClientTokenId",
            "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidSignatureException", "IncompleteSignature",
            "MissingAuthenticationToken", "MissingAuthenticationTokenException", "ExpiredToken", "ExpiredTokenException",
            "AuthFailure", "AuthorizationError", "UnauthorizedOperation", "OptInRequired", "KMS.AccessDeniedException",
            "KMSAccessDeniedException", "RequestTimeTooSkewed",
            // resources named in configuration that do not exist (or are in another region)
            "ResourceNotFoundException", "NoSuchBucket", "AWS.SimpleQueueService.NonExistentQueue",
            "QueueDoesNotExist", "PermanentRedirect", "AuthorizationHeaderMalformed");

    /** Ahead of {@link TransportFailures}: an SDK exception caused by a dead connection still names its call. */
    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public @Nullable ClassifiedFailure classify(Throwable failure) {
        return find(failure) == null ? null : classifyChain(failure);
    }

    /** The meaning of an SDK exception (or of the AWS answer inside it); never {@code null}. */
    public static ClassifiedFailure classify(SdkException failure) {
        return classifyChain(failure);
    }

    private static ClassifiedFailure classifyChain(Throwable failure) {
        SdkException sdk = Objects.requireNonNull(find(failure));
        String summary = summary(sdk, description(failure));
        if (sdk instanceof SdkServiceException service) {
            String code = errorCode(service);
            int status = service.statusCode();
            if (service.isThrottlingException() || (code != null && THROTTLING_CODES.contains(code))) {
                return ClassifiedFailure.throttled(summary);
            }
            if (status == 403 || (code != null && MISCONFIGURATION_CODES.contains(code))) {
                return ClassifiedFailure.misconfigured(summary);
            }
            if (status >= 500 || (code != null && UNAVAILABLE_CODES.contains(code))) {
                return ClassifiedFailure.unavailable(summary);
            }
            return ClassifiedFailure.bug(summary);
        }
        if (sdk instanceof ApiCallTimeoutException || sdk instanceof ApiCallAttemptTimeoutException
                || TransportFailures.transportCause(sdk) != null || sdk.getCause() instanceof IOException) {
            return ClassifiedFailure.unavailable(summary);
        }
        if (sdk instanceof SdkClientException && credentialsMissing(sdk)) {
            return ClassifiedFailure.misconfigured(summary);
        }
        return ClassifiedFailure.bug(summary);
    }

    /** The AWS error code ({@code awsErrorDetails().errorCode()}), or {@code null} (not from AWS, or none sent). */
    public static @Nullable String errorCode(Throwable failure) {
        SdkException sdk = find(failure);
        if (sdk instanceof AwsServiceException aws) {
            AwsErrorDetails details = aws.awsErrorDetails();
            return details == null ? null : details.errorCode();
        }
        return null;
    }

    /** Which call failed on what ({@code DynamoDb.GetItem [TableName=Photo]}), when the client had the interceptor. */
    public static @Nullable String description(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof AwsCallDescription call) {
                    return call.description();
                }
            }
        }
        return null;
    }

    /**
     * The SDK exception that says most: AWS's own answer if there is one anywhere in the chain (the
     * multipart S3 client wraps a failed part's {@code S3Exception} in an {@code SdkClientException}),
     * else the first SDK exception.
     */
    private static @Nullable SdkException find(Throwable failure) {
        SdkException first = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SdkServiceException service) {
                return service;
            }
            if (first == null && t instanceof SdkException sdk) {
                first = sdk;
            }
        }
        return first;
    }

    private static String summary(SdkException sdk, @Nullable String call) {
        StringBuilder summary = new StringBuilder();
        summary.append(call != null ? call : "AWS call");
        if (sdk instanceof SdkServiceException service) {
            String code = errorCode(service);
            summary.append(" failed: ").append(code != null ? code : sdk.getClass().getSimpleName())
                    .append(" (HTTP ").append(service.statusCode()).append(')');
        } else {
            summary.append(" failed: ").append(sdk.getClass().getSimpleName());
        }
        return summary.toString();
    }

    /** The SDK raises no typed exception when no credentials provider yields keys; its message is all there is. */
    private static boolean credentialsMissing(SdkException sdk) {
        String message = sdk.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).startsWith("unable to load credentials");
    }
}
