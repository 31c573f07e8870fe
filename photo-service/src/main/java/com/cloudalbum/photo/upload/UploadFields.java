package com.cloudalbum.photo.upload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.cloudalbum.photo.catalog.PhotoRecord;
import com.cloudalbum.photo.problem.PhotoProblems;
import org.jspecify.annotations.Nullable;

/**
 * The form fields of an upload, validated: tags (comma-separated, at most 20 of at most 50
 * characters, 400 in all), description (at most 400), and location hints lat/lng/address/city/
 * country, used only when the file has no GPS.
 */
public record UploadFields(List<String> tags, @Nullable String description, PhotoRecord.@Nullable Place hint) {

    static final int MAX_TAGS = 20;
    static final int MAX_TAG_LENGTH = 50;
    static final int MAX_TEXT = 400;
    static final int MAX_PLACE_NAME = 200;

    /** Throws the validation problem naming every bad field. */
    public static UploadFields parse(Map<String, String> fields) {
        List<Map<String, String>> errors = new ArrayList<>();
        String rawTags = fields.getOrDefault("tags", "");
        List<String> tags = Arrays.stream(rawTags.split(","))
                .map(String::strip)
                .filter(tag -> !tag.isEmpty())
                .distinct()
                .toList();
        if (rawTags.length() > MAX_TEXT || tags.size() > MAX_TAGS || tags.stream().anyMatch(t -> t.length() > MAX_TAG_LENGTH)) {
            errors.add(error("tags", "at most " + MAX_TAGS + " tags of at most " + MAX_TAG_LENGTH + " characters, "
                    + MAX_TEXT + " in all"));
        }
        String description = blankToNull(fields.get("description"));
        if (description != null && description.length() > MAX_TEXT) {
            errors.add(error("description", "at most " + MAX_TEXT + " characters"));
        }
        Double lat = number(fields, "lat", -90, 90, errors);
        Double lng = number(fields, "lng", -180, 180, errors);
        if ((lat == null) != (lng == null) && !errors.stream().anyMatch(e -> e.get("field").matches("lat|lng"))) {
            errors.add(error(lat == null ? "lat" : "lng", "lat and lng go together"));
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (String field : List.of("address", "city", "country")) {
            String value = blankToNull(fields.get(field));
            if (value != null && value.length() > MAX_PLACE_NAME) {
                errors.add(error(field, "at most " + MAX_PLACE_NAME + " characters"));
            } else if (value != null) {
                names.put(field, value);
            }
        }
        if (!errors.isEmpty()) {
            throw PhotoProblems.invalid(errors);
        }
        PhotoRecord.Place hint = lat == null && names.isEmpty() ? null
                : new PhotoRecord.Place(lat, lng, names.get("address"), names.get("city"), names.get("country"), "CLIENT");
        return new UploadFields(tags, description, hint);
    }

    private static @Nullable Double number(Map<String, String> fields, String name, double min, double max,
                                           List<Map<String, String>> errors) {
        String raw = blankToNull(fields.get(name));
        if (raw == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(raw);
            if (Double.isFinite(value) && value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(error(name, "a number from " + (int) min + " to " + (int) max));
        return null;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
