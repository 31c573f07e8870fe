package com.cloudalbum.photo.storage;

/** An object as stored: its key and ETag. */
public record StoredObject(String key, String eTag) {
}
