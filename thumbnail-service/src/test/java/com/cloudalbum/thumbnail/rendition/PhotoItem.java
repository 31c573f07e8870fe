package com.cloudalbum.thumbnail.rendition;

import static com.cloudalbum.contract.photo.PhotoAttributes.CONTENT_TYPE;
import static com.cloudalbum.contract.photo.PhotoAttributes.CREATED_AT;
import static com.cloudalbum.contract.photo.PhotoAttributes.DEADLINE;
import static com.cloudalbum.contract.photo.PhotoAttributes.FILE_NAME;
import static com.cloudalbum.contract.photo.PhotoAttributes.ID;
import static com.cloudalbum.contract.photo.PhotoAttributes.ORIGINAL_KEY;
import static com.cloudalbum.contract.photo.PhotoAttributes.PENDING;
import static com.cloudalbum.contract.photo.PhotoAttributes.STATUS;
import static com.cloudalbum.contract.photo.PhotoAttributes.UPDATED_AT;
import static com.cloudalbum.contract.photo.PhotoAttributes.USER_ID;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.cloudalbum.contract.photo.PhotoKey;
import com.cloudalbum.contract.photo.PhotoStatus;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The Photo item as photo-service writes it, in the contract's names: what the tests put into the table. */
final class PhotoItem {

    private final PhotoKey key;
    private PhotoStatus status = PhotoStatus.PROCESSING;

    private PhotoItem(PhotoKey key) {
        this.key = key;
    }

    static PhotoKey newKey() {
        return new PhotoKey("user-" + UUID.randomUUID(), "01TEST" + UUID.randomUUID().toString().replace("-", ""));
    }

    static PhotoItem of(PhotoKey key) {
        return new PhotoItem(key);
    }

    PhotoItem status(PhotoStatus status) {
        this.status = status;
        return this;
    }

    Map<String, AttributeValue> attributes() {
        String now = Instant.now().toString();
        Map<String, AttributeValue> item = new HashMap<>(key(key));
        item.put(STATUS, AttributeValue.fromS(status.name()));
        item.put(ORIGINAL_KEY, AttributeValue.fromS(key.original()));
        item.put(FILE_NAME, AttributeValue.fromS("photo.jpg"));
        item.put(CONTENT_TYPE, AttributeValue.fromS("image/jpeg"));
        item.put(CREATED_AT, AttributeValue.fromS(now));
        item.put(UPDATED_AT, AttributeValue.fromS(now));
        // unfinished photos sit in the sweeper's sparse index until a deadline (epoch ms, zero-padded)
        item.put(PENDING, AttributeValue.fromS("0"));
        item.put(DEADLINE, AttributeValue.fromS("%015d".formatted(Instant.now().plusSeconds(600).toEpochMilli())));
        return item;
    }

    static Map<String, AttributeValue> key(PhotoKey key) {
        return Map.of(USER_ID, AttributeValue.fromS(key.userId()), ID, AttributeValue.fromS(key.photoId()));
    }
}
