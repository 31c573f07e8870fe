package com.cloudalbum.localstack.s3events;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A successful S3 API call that S3 would announce, recognised from a path-style request. */
record S3Operation(String eventName, String bucket, String key) {

    /** Query parameters that S3 clients add to plain object calls and that change nothing. */
    private static final Set<String> NEUTRAL_PARAMETERS = Set.of("x-id");

    static Optional<S3Operation> of(String method, String rawPath, String rawQuery,
                                    boolean copySource, int status) {
        return ObjectPath.of(rawPath).flatMap(object -> {
            Set<String> parameters = parameters(rawQuery).keySet();
            String eventName = switch (method) {
                case "PUT" -> status == 200 && parameters.isEmpty()
                        ? (copySource ? "ObjectCreated:Copy" : "ObjectCreated:Put") : null;
                case "POST" -> status == 200 && parameters.equals(Set.of("uploadId"))
                        ? "ObjectCreated:CompleteMultipartUpload" : null;
                case "DELETE" -> status == 204 && parameters.isEmpty() ? "ObjectRemoved:Delete" : null;
                default -> null;
            };
            return Optional.ofNullable(eventName).map(name -> new S3Operation(name, object.bucket(), object.key()));
        });
    }

    /**
     * The bucket, key and upload id of an AbortMultipartUpload call ({@code DELETE /bucket/key?uploadId=…}), if
     * {@code method}, {@code rawPath} and {@code rawQuery} are one.
     */
    static Optional<UploadCall> abortMultipartUpload(String method, String rawPath, String rawQuery) {
        Map<String, String> parameters = parameters(rawQuery);
        if (!"DELETE".equals(method) || !parameters.keySet().equals(Set.of("uploadId"))) {
            return Optional.empty();
        }
        return ObjectPath.of(rawPath).map(object -> new UploadCall(object.bucket(), object.key(), parameters.get("uploadId")));
    }

    /** A call on one multipart upload of one key. */
    record UploadCall(String bucket, String key, String uploadId) {
    }

    boolean created() {
        return eventName.startsWith("ObjectCreated:");
    }

    /** The decoded bucket and key of a path-style object call. */
    private record ObjectPath(String bucket, String key) {

        /** Empty for a bucket-level call. */
        static Optional<ObjectPath> of(String rawPath) {
            String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
            int slash = path.indexOf('/');
            if (slash <= 0 || slash == path.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(new ObjectPath(decodePath(path.substring(0, slash)), decodePath(path.substring(slash + 1))));
        }
    }

    /** The query's parameters, decoded, without the neutral ones; the first value of a repeated name. */
    private static Map<String, String> parameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        return Arrays.stream(rawQuery.split("&"))
                .map(pair -> pair.split("=", 2))
                .map(pair -> Map.entry(URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        pair.length == 2 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : ""))
                .filter(parameter -> !NEUTRAL_PARAMETERS.contains(parameter.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (first, repeated) -> first));
    }

    /** Percent-decoding of a path: unlike a form, '+' is a literal plus here. */
    private static String decodePath(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
