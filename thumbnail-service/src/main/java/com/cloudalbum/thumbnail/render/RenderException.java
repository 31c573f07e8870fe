package com.cloudalbum.thumbnail.render;

import org.jspecify.annotations.Nullable;

/**
 * The original cannot be rendered. Retrying will not help: the same bytes fail the same way, so a listener
 * should not redeliver the message. {@link #reason()} is short and stable for metrics and logs.
 */
public class RenderException extends RuntimeException {

    public static final String UNDECODABLE = "undecodable";
    public static final String TOO_MANY_PIXELS = "too-many-pixels";
    public static final String UNSUPPORTED_FORMAT = "unsupported-format";

    private final String reason;

    public RenderException(String reason, String message) {
        this(reason, message, null);
    }

    public RenderException(String reason, String message, @Nullable Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
