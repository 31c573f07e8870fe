package com.cloudalbum.photo.album;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.cloudalbum.photo.catalog.PhotoRecord;
import com.cloudalbum.photo.catalog.PhotoRepository;
import com.cloudalbum.photo.problem.PhotoProblems;
import com.cloudalbum.photo.upload.UploadFields;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * {@code PATCH}: only the fields present change; {@code "location": null} removes the place. The
 * write is conditional on the version read, and retried on a conflict, so no update is lost.
 */
@Service
class PhotoEditing {

    private final PhotoRepository photos;
    private final Clock clock;

    PhotoEditing(PhotoRepository photos, Clock clock) {
        this.photos = photos;
        this.clock = clock;
    }

    Mono<PhotoRecord> edit(String userId, String id, Map<String, Object> patch) {
        return Mono.fromCallable(() -> validate(patch))
                .flatMap(fields -> Mono.defer(() -> photos.find(userId, id))
                        .filter(PhotoRecord::visible)
                        .switchIfEmpty(Mono.error(PhotoProblems::notFound))
                        .flatMap(current -> photos.replaceDetails(apply(current, patch, fields), current.updatedAt())
                                .switchIfEmpty(Mono.error(new Conflict())))
                        .retryWhen(Retry.max(5).filter(Conflict.class::isInstance)
                                .onRetryExhaustedThrow((spec, signal) -> PhotoProblems.storageUnavailable())));
    }

    private static UploadFields validate(Map<String, Object> patch) {
        Map<String, String> fields = new HashMap<>();
        List<Map<String, String>> errors = new ArrayList<>();
        for (String key : patch.keySet()) {
            if (!List.of("tags", "description", "location").contains(key)) {
                errors.add(Map.of("field", key, "message", "cannot be changed"));
            }
        }
        Object tags = patch.get("tags");
        if (tags instanceof List<?> list) {
            fields.put("tags", String.join(",", list.stream().map(String::valueOf).toList()));
            if (list.stream().anyMatch(tag -> String.valueOf(tag).contains(","))) {
                errors.add(Map.of("field", "tags", "message", "a tag cannot contain a comma"));
            }
        } else if (tags != null) {
            errors.add(Map.of("field", "tags", "message", "a list of strings"));
        }
        if (patch.get("description") instanceof String description) {
            fields.put("description", description);
        } else if (patch.get("description") != null) {
            errors.add(Map.of("field", "description", "message", "a string"));
        }
        if (patch.get("location") instanceof Map<?, ?> location) {
            location.forEach((k, v) -> fields.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (patch.get("location") != null) {
            errors.add(Map.of("field", "location", "message", "an object with lat, lng, address, city, country"));
        }
        if (!errors.isEmpty()) {
            throw PhotoProblems.invalid(errors);
        }
        return UploadFields.parse(fields);
    }

    /** {@code updatedAt} is the version the next write is conditional on, so it must move forward. */
    private PhotoRecord apply(PhotoRecord current, Map<String, Object> patch, UploadFields fields) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!now.isAfter(current.updatedAt())) {
            now = current.updatedAt().plusMillis(1);
        }
        return current.withDetails(
                patch.containsKey("tags") ? fields.tags() : current.tags(),
                patch.containsKey("description") ? fields.description() : current.description(),
                patch.containsKey("location") ? fields.hint() : current.place(),
                now);
    }

    /** Someone else changed the photo between our read and our write. */
    private static final class Conflict extends RuntimeException {
        Conflict() {
            super("concurrent change", null, false, false);
        }
    }
}
