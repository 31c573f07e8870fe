package com.cloudalbum.thumbnail.event;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One SQS message of S3 events. {@code events} is empty for S3's {@code s3:TestEvent};
 * {@code traceHeader} is the message's {@code AWSTraceHeader} system attribute, if S3 set one.
 */
public record ObjectEventMessage(String receiptHandle, List<ObjectEvent> events, @Nullable String traceHeader,
                                 int receiveCount) {
}
