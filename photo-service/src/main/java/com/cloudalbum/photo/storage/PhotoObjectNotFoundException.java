package com.cloudalbum.photo.storage;

/** No object under this key. */
public class PhotoObjectNotFoundException extends RuntimeException {

    public PhotoObjectNotFoundException(String key, Throwable cause) {
        super("no object [key=" + key + "]", cause);
    }
}
