package com.cloudalbum.contract.photo;

/**
 * Why a photo ended {@link PhotoStatus#FAILED}: stable words the web app and operators can rely on. Each says
 * whether trying again could help; permanent ones are never retried.
 */
public enum FailureReason {

    /** The bytes are not an image any decoder here can read. */
    UNDECODABLE("undecodable", true),
    /** The header declares more pixels than the renderer's budget. */
    TOO_MANY_PIXELS("too-many-pixels", true),
    /** A format this service cannot render (for example HEIC without its library). */
    UNSUPPORTED_FORMAT("unsupported-format", true),
    /** The S3 event for this photo could not be read. */
    BAD_EVENT("bad-event", true),
    /** The original is gone while the item said it was stored. */
    ORIGINAL_MISSING("original-missing", true),
    /** Transient errors kept failing until the message's receives ran out. */
    GAVE_UP("gave-up", false),
    /** No renditions within the processing deadline, even after the event was re-driven. */
    PROCESSING_TIMEOUT("processing-timeout", false);

    private final String code;
    private final boolean permanent;

    FailureReason(String code, boolean permanent) {
        this.code = code;
        this.permanent = permanent;
    }

    /** What the item's {@code failure_reason} holds. */
    public String code() {
        return code;
    }

    public boolean permanent() {
        return permanent;
    }

    public static FailureReason fromCode(String code) {
        for (FailureReason reason : values()) {
            if (reason.code.equals(code)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown failure reason: " + code);
    }
}
