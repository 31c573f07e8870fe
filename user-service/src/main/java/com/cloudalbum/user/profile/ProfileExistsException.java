package com.cloudalbum.user.profile;

/** A profile with this id exists already. */
public class ProfileExistsException extends RuntimeException {

    public ProfileExistsException(String id, Throwable cause) {
        super("profile exists [id=" + id + "]", cause);
    }
}
