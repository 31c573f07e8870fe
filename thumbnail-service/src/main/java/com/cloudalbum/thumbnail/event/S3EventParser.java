package com.cloudalbum.thumbnail.event;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the S3 event notification JSON; keys arrive form-encoded, so '+' is a space. */
final class S3EventParser {

    private final JsonMapper json;

    S3EventParser(JsonMapper json) {
        this.json = json;
    }

    List<ObjectEvent> parse(String body) {
        JsonNode root = json.readTree(body);
        if ("s3:TestEvent".equals(root.path("Event").asString(""))) {
            return List.of();
        }
        JsonNode records = root.path("Records");
        if (!records.isArray()) {
            throw new MalformedEventException("no Records array");
        }
        List<ObjectEvent> events = new ArrayList<>();
        for (JsonNode record : records) {
            JsonNode s3 = record.path("s3");
            String key = s3.path("object").path("key").asString(null);
            String bucket = s3.path("bucket").path("name").asString(null);
            String eventName = record.path("eventName").asString(null);
            if (key == null || bucket == null || eventName == null) {
                throw new MalformedEventException("record without eventName, bucket or key");
            }
            events.add(new ObjectEvent(eventName, bucket, URLDecoder.decode(key, StandardCharsets.UTF_8),
                    s3.path("object").path("size").asLong(-1),
                    Instant.parse(record.path("eventTime").asString(Instant.EPOCH.toString()))));
        }
        return events;
    }

    /** The message is not an S3 event notification; retrying will not help. */
    static final class MalformedEventException extends RuntimeException {
        MalformedEventException(String reason) {
            super("not an S3 event notification: " + reason);
        }
    }
}
