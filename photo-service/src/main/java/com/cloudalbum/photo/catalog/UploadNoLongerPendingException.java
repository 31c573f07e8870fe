package com.cloudalbum.photo.catalog;

/** The upload's item left UPLOADING before the upload finished: its cleanup was claimed by someone else. */
public class UploadNoLongerPendingException extends RuntimeException {

    public UploadNoLongerPendingException(String userId, String id) {
        super("the upload's item is no longer UPLOADING [userId=" + userId + ", photoId=" + id + "]");
    }
}
