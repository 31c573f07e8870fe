package com.cloudalbum.photo.problem;

import java.util.List;
import java.util.Map;

import com.cloudalbum.common.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** photo-service's problems: one stable {@code type} and title each; details are client-safe. */
public final class PhotoProblems {

    private PhotoProblems() {
    }

    public static ErrorResponseException unsupportedType() {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-image-type", "Not a supported image",
                "The file is not a JPEG, PNG, GIF, WebP or HEIC/HEIF image.");
    }

    public static ErrorResponseException tooLarge(long maxBytes) {
        ErrorResponseException e = problem(HttpStatus.CONTENT_TOO_LARGE, "photo-too-large", "Photo too large",
                "The file is larger than the limit of " + maxBytes + " bytes.");
        e.getBody().setProperty("maxBytes", maxBytes);
        return e;
    }

    public static ErrorResponseException missingFile() {
        return invalid(List.of(Map.of("field", "file", "message", "exactly one non-empty file part is required")));
    }

    /** 400 naming each invalid field, like the other services' validation problems. */
    public static ErrorResponseException invalid(List<Map<String, String>> errors) {
        ErrorResponseException e = problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", "Invalid fields: "
                + String.join(", ", errors.stream().map(error -> error.get("field")).distinct().toList()) + ".");
        e.getBody().setProperty("errors", errors);
        return e;
    }

    public static ErrorResponseException notFound() {
        return problem(HttpStatus.NOT_FOUND, "photo-not-found", "Photo not found", "There is no such photo.");
    }

    /** All upload slots stayed taken for the queue timeout: the service is at its memory budget. */
    public static ErrorResponseException uploadsBusy() {
        ErrorResponseException e = problem(HttpStatus.SERVICE_UNAVAILABLE, "uploads-busy", "Too many uploads",
                "The service is taking as many uploads as it can hold; try again shortly.");
        e.getHeaders().set(HttpHeaders.RETRY_AFTER, "10");
        return e;
    }

    public static ErrorResponseException storageUnavailable() {
        ErrorResponseException e = problem(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable", "Storage unavailable",
                "Photo storage did not answer; try again shortly.");
        e.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return e;
    }

    private static ErrorResponseException problem(HttpStatus status, String type, String title, String detail) {
        return Problems.of(status, type, title, detail);
    }
}
