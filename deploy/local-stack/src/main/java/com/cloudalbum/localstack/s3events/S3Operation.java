package com.cloudalbum.localstack.s3events;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A successful S3 API call that S3 would announce, recognised from a path-style request. */
record S3Operation(String eventName, String bucket, String key) {

    /** Query parameters that S3 clients add to plain object calls and that change nothing. */
    private static final Set<String> NEUTRAL_PARAMETERS = Set.of("x-id");

    static Optional<S3Operation> of(String method, String rawPath, String rawQuery,
                                    boolean copySource, int status) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            return Optional.empty(); // bucket-level call
        }
        String bucket = decodePath(path.substring(0, slash));
        String key = decodePath(path.substring(slash + 1));
        Set<String> parameters = parameterNames(rawQuery);
        String eventName = switch (method) {
            case "PUT" -> status == 200 && parameters.isEmpty()
                    ? (copySource ? "ObjectCreated:Copy" : "ObjectCreated:Put") : null;
            case "POST" -> status == 200 && parameters.equals(Set.of("uploadId"))
                    ? "ObjectCreated:CompleteMultipartUpload" : null;
            case "DELETE" -> status == 204 && parameters.isEmpty() ? "ObjectRemoved:Delete" : null;
            default -> null;
        };
        return Optional.ofNullable(eventName).map(name -> new S3Operation(name, bucket, key));
    }

    /**
     * The bucket, key and upload id of an AbortMultipartUpload call ({@code DELETE /bucket/key?uploadId=…}), if
     * {@code method}, {@code rawPath} and {@code rawQuery} are one.
     */
    static Optional<UploadCall> abortMultipartUpload(String method, String rawPath, String rawQuery) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        int slash = path.indexOf('/');
        if (!"DELETE".equals(method) || slash <= 0 || slash == path.length() - 1
                || !parameterNames(rawQuery).equals(Set.of("uploadId"))) {
            return Optional.empty();
        }
        String uploadId = Arrays.stream(rawQuery.split("&"))
                .map(pair -> pair.split("=", 2))
                .filter(pair -> pair.length == 2 && pair[0].equals("uploadId"))
                .map(pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8))
                .findFirst().orElse("");
        return Optional.of(new UploadCall(decodePath(path.substring(0, slash)), decodePath(path.substring(slash + 1)), uploadId));
    }

    /** A call on one multipart upload of one key. */
    record UploadCall(String bucket, String key, String uploadId) {
    }

    boolean created() {
        return eventName.startsWith("ObjectCreated:");
    }

    private static Set<String> parameterNames(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Set.of();
        }
        return Arrays.stream(rawQuery.split("&"))
                .map(pair -> pair.split("=", 2)[0])
                .map(name -> URLDecoder.decode(name, StandardCharsets.UTF_8))
                .filter(name -> !NEUTRAL_PARAMETERS.contains(name))
                .collect(Collectors.toSet());
    }

    /** Percent-decoding of a path: unlike a form, '+' is a literal plus here. */
    private static String decodePath(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
