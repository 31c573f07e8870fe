package com.cloudalbum.common.aws;

/**
 * Which call failed and on what: {@code DynamoDb.GetItem [TableName=Photo]}. Attached to a failed
 * call's {@code SdkException} as a suppressed exception by {@link AwsCallDescriptionInterceptor}, because
 * AWS's own messages often do not name the resource ("Requested resource not found").
 */
public final class AwsCallDescription extends RuntimeException {

    AwsCallDescription(String description) {
        super(description, null, false, false);
    }

    /** The description, e.g. {@code DynamoDb.GetItem [TableName=Photo]}. */
    public String description() {
        return getMessage();
    }
}
