package com.cloudalbum.common.aws;

import java.util.List;
import java.util.StringJoiner;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Names the service, operation and resource of every failed SDK call on its exception (an
 * {@link AwsCallDescription}, suppressed), so whoever logs the failure can say which table, bucket or queue
 * it was without the adapter having to map anything. The exception itself is left as it is.
 */
public final class AwsCallDescriptionInterceptor implements ExecutionInterceptor {

    /** Request members that name what a call works on; ids only, no personal data or secrets. */
    private static final List<String> RESOURCE_FIELDS = List.of(
            "TableName", "IndexName", "Bucket", "Key", "QueueUrl", "QueueName", "UserPoolId", "ClientId");

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable failure = context.exception();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SdkException sdk) {
                if (AwsFailures.description(sdk) == null) {
                    sdk.addSuppressed(new AwsCallDescription(describe(context.request(), attributes)));
                }
                break;
            }
        }
        return failure;
    }

    static String describe(SdkRequest request, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        StringJoiner resources = new StringJoiner(", ", " [", "]").setEmptyValue("");
        for (String field : RESOURCE_FIELDS) {
            // a member may share a name and not be a string (DynamoDB's Key is a map)
            request.getValueForField(field, Object.class)
                    .filter(String.class::isInstance)
                    .ifPresent(value -> resources.add(field + "=" + value));
        }
        return service + "." + operation + resources;
    }
}
