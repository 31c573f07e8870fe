package com.cloudalbum.photo.storage;

/** Object storage failed; callers answer 503 and may retry. */
public class PhotoStorageException extends RuntimeException {

    public PhotoStorageException(String key, Throwable cause) {
        super("object storage failed [key=" + key + "]", cause);
    }
}
