package com.cloudalbum.thumbnail.event;

import java.time.Instant;

/** One S3 object event, key already URL-decoded; {@code size} is -1 for removals. */
public record ObjectEvent(String eventName, String bucket, String key, long size, Instant eventTime) {

    public boolean created() {
        return eventName.startsWith("ObjectCreated:");
    }
}
