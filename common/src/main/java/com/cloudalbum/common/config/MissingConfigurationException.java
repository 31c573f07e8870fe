package com.cloudalbum.common.config;

import java.util.List;

/** A service started without properties it cannot do without; {@link MissingConfigurationFailureAnalyzer} explains it. */
public class MissingConfigurationException extends IllegalStateException {

    private final String application;
    private final List<String> keys;

    public MissingConfigurationException(String application, List<String> keys) {
        super(application + " is not configured: " + String.join(", ", keys) + " not set"
                + " (set them, e.g. as environment variables, or run with the local profile against the local stack)");
        this.application = application;
        this.keys = List.copyOf(keys);
    }

    public String application() {
        return application;
    }

    public List<String> keys() {
        return keys;
    }
}
