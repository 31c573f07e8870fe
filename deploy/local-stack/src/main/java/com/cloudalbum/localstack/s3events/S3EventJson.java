package com.cloudalbum.localstack.s3events;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Writes one S3 event notification in the JSON shape AWS sends (event version 2.1). */
final class S3EventJson {

    private S3EventJson() {
    }

    /** S3 form-encodes keys in notifications ("a b+c.jpg" becomes "a+b%2Bc.jpg") and keeps '/'. */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    static String of(S3Operation operation, ObjectInfo object, String region, String sequencer,
                     Instant eventTime, String requestId) {
        StringBuilder objectJson = new StringBuilder()
                .append("{\"key\":").append(quote(encodeKey(operation.key())));
        if (object != null) {
            objectJson.append(",\"size\":").append(object.size())
                    .append(",\"eTag\":").append(quote(object.eTag()));
        }
        objectJson.append(",\"sequencer\":").append(quote(sequencer)).append('}');
        return "{\"Records\":[{"
                + "\"eventVersion\":\"2.1\","
                + "\"eventSource\":\"aws:s3\","
                + "\"awsRegion\":" + quote(region) + ","
                + "\"eventTime\":" + quote(DateTimeFormatter.ISO_INSTANT.format(eventTime.truncatedTo(ChronoUnit.MILLIS))) + ","
                + "\"eventName\":" + quote(operation.eventName()) + ","
                + "\"userIdentity\":{\"principalId\":\"AWS:LOCALSTACK\"},"
                + "\"requestParameters\":{\"sourceIPAddress\":\"127.0.0.1\"},"
                + "\"responseElements\":{\"x-amz-request-id\":" + quote(requestId) + ",\"x-amz-id-2\":" + quote(requestId) + "},"
                + "\"s3\":{"
                + "\"s3SchemaVersion\":\"1.0\","
                + "\"configurationId\":\"cloudalbum-local-events\","
                + "\"bucket\":{\"name\":" + quote(operation.bucket())
                + ",\"ownerIdentity\":{\"principalId\":\"LOCALSTACK\"},\"arn\":" + quote("arn:aws:s3:::" + operation.bucket()) + "},"
                + "\"object\":" + objectJson
                + "}}]}";
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Size and ETag (without quotes) of the object an event announces. */
    record ObjectInfo(long size, String eTag) {
    }
}
