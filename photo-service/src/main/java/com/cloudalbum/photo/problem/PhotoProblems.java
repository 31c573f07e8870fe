package com.cloudalbum.photo.problem;

import java.time.Duration;
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

    /** A raw upload must say its length, so it can stream into one S3 request of that length. */
    public static ErrorResponseException lengthRequired() {
        return problem(HttpStatus.LENGTH_REQUIRED, "length-required", "Content-Length required",
                "A photo sent as the request body needs a Content-Length header (no chunked encoding).");
    }

    /** The body ended before its declared length (or the file part before its declared size). */
    public static ErrorResponseException lengthMismatch(long declared, long received) {
        ErrorResponseException e = problem(HttpStatus.BAD_REQUEST, "length-mismatch", "Body length mismatch",
                "The body held " + received + " bytes where " + declared + " were declared.");
        e.getBody().setProperty("declared", declared);
        e.getBody().setProperty("received", received);
        return e;
    }

    /** The client stopped sending for longer than the idle timeout. */
    public static ErrorResponseException bodyTimeout(Duration idle) {
        return problem(HttpStatus.REQUEST_TIMEOUT, "body-timeout", "Upload stalled",
                "No bytes of the upload arrived for " + idle.toSeconds() + " s; send it again.");
    }

    /** S3 refused for a reason no retry fixes (permissions, a missing bucket): operators must act. */
    public static ErrorResponseException storageMisconfigured() {
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "storage-misconfigured", "Storage refused the photo",
                "Photo storage refused the request; the operators have been told.");
    }

    /** A {@code multipart/form-data} body that does not follow RFC 7578 (or our limits on its parts). */
    public static ErrorResponseException malformedMultipart(String detail) {
        return problem(HttpStatus.BAD_REQUEST, "malformed-multipart", "Malformed multipart body",
                "The multipart/form-data body could not be read: " + detail + ".");
    }

    public static ErrorResponseException missingFile() {
        return invalid(List.of(Map.of("field", "file", "message", "exactly one non-empty file is required")));
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
