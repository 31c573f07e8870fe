package com.cloudalbum.photo.catalog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.cloudalbum.contract.photo.PhotoAttributes;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A {@link PhotoRecord} as a Photo item and back: the attribute names in snake_case, and what each one holds. */
final class PhotoItems {

    private PhotoItems() {
    }

    static final DateTimeFormatter SORTABLE_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static String takenSort(Instant instant, String id) {
        return SORTABLE_INSTANT.format(instant) + "#" + id;
    }

    static Map<String, AttributeValue> toItem(PhotoRecord photo) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("user_id", s(photo.userId()));
        item.put("id", s(photo.id()));
        item.put("status", s(photo.status()));
        item.put("original_key", s(photo.originalKey()));
        item.put("size", n(photo.size()));
        item.put("content_type", s(photo.contentType()));
        item.put("file_name", s(photo.fileName()));
        item.put("tags", AttributeValue.fromL(photo.tags().stream().map(AttributeValue::fromS).toList()));
        putS(item, "description", photo.description());
        PhotoRecord.Place place = photo.place();
        if (place != null) {
            putN(item, "lat", place.lat());
            putN(item, "lng", place.lng());
            putS(item, "address", place.address());
            putS(item, "city", place.city());
            putS(item, "country", place.country());
            item.put("location_source", s(place.source()));
            if (place.lat() != null) {
                item.put("geo_user_id", s(photo.userId()));
            }
        }
        PhotoRecord.Capture capture = photo.capture();
        putS(item, "taken_at", capture.takenAt() == null ? null : capture.takenAt().toString());
        item.put(PhotoAttributes.TAKEN_SORT, s(takenSort(capture.takenAt() == null ? photo.createdAt() : capture.takenAt(), photo.id())));
        putS(item, "taken_at_offset", capture.takenAtOffset());
        putS(item, "taken_at_local", capture.takenAtLocal());
        putS(item, "make", capture.make());
        putS(item, "model", capture.model());
        putN(item, "width", capture.width());
        putN(item, "height", capture.height());
        putN(item, "orientation", capture.orientation());
        item.put("search_text", s(photo.searchText()));
        item.put("created_at", s(photo.createdAt().toString()));
        item.put("updated_at", s(photo.updatedAt().toString()));
        putRendition(item, "thumbnail", photo.thumbnail());
        putRendition(item, "preview", photo.preview());
        putS(item, "failure_reason", photo.failureReason());
        return item;
    }

    static PhotoRecord fromItem(Map<String, AttributeValue> item) {
        PhotoRecord.Place place = item.containsKey("location_source")
                ? new PhotoRecord.Place(dbl(item, "lat"), dbl(item, "lng"), str(item, "address"), str(item, "city"),
                        str(item, "country"), item.get("location_source").s())
                : null;
        String takenAt = str(item, "taken_at");
        PhotoRecord.Capture capture = new PhotoRecord.Capture(takenAt == null ? null : Instant.parse(takenAt),
                str(item, "taken_at_offset"), str(item, "taken_at_local"), str(item, "make"), str(item, "model"),
                integer(item, "width"), integer(item, "height"), integer(item, "orientation"));
        List<String> tags = item.containsKey("tags") ? item.get("tags").l().stream().map(AttributeValue::s).toList() : List.of();
        return new PhotoRecord(item.get("user_id").s(), item.get("id").s(), item.get("status").s(),
                item.get("original_key").s(), Long.parseLong(item.get("size").n()), item.get("content_type").s(),
                item.get("file_name").s(), tags, str(item, "description"), place, capture,
                Instant.parse(item.get("created_at").s()), Instant.parse(item.get("updated_at").s()),
                rendition(item, "thumbnail"), rendition(item, "preview"), str(item, "failure_reason"));
    }

    /**
     * thumbnail-service's attributes: {@code <name>_key}, {@code <name>_width}, {@code <name>_height}, and
     * {@code <name>_webp_key} where it wrote a WebP beside the JPEG.
     */
    static PhotoRecord.@Nullable Rendition rendition(Map<String, AttributeValue> item, String name) {
        String key = str(item, PhotoAttributes.rendition(name, "key"));
        Integer width = integer(item, PhotoAttributes.rendition(name, "width"));
        Integer height = integer(item, PhotoAttributes.rendition(name, "height"));
        return key == null || width == null || height == null ? null
                : new PhotoRecord.Rendition(key, width, height,
                        str(item, PhotoAttributes.rendition(name + "_webp", "key")));
    }

    static void putRendition(Map<String, AttributeValue> item, String name, PhotoRecord.@Nullable Rendition rendition) {
        if (rendition != null) {
            item.put(name + "_key", s(rendition.key()));
            item.put(name + "_width", n(rendition.width()));
            item.put(name + "_height", n(rendition.height()));
            if (rendition.webpKey() != null) {
                item.put(PhotoAttributes.rendition(name + "_webp", "key"), s(rendition.webpKey()));
            }
        }
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(Number value) {
        return AttributeValue.fromN(value.toString());
    }

    static void putS(Map<String, AttributeValue> item, String name, @Nullable String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, s(value));
        }
    }

    static void putN(Map<String, AttributeValue> item, String name, @Nullable Number value) {
        if (value != null) {
            item.put(name, n(value));
        }
    }

    static @Nullable String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static @Nullable Double dbl(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : Double.valueOf(value.n());
    }

    static @Nullable Integer integer(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : Integer.valueOf(value.n());
    }
}
