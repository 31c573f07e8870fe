package com.cloudalbum.contract.photo;

/**
 * Attribute names of the {@code Photo} table (snake_case). photo-service owns the item; thumbnail-service writes
 * only {@link #STATUS}, the rendition attributes, {@link #FAILURE_REASON} and {@link #PROCESSED_AT} (and removes
 * {@link #PENDING} and {@link #DEADLINE} when it sets READY or FAILED), and never {@link #UPDATED_AT}, which
 * guards photo-service's edits.
 */
public final class PhotoAttributes {

    public static final String TABLE_DEFAULT = "Photo";
    /** Hash key. */
    public static final String USER_ID = "user_id";
    /** Range key: a ULID, so newest first is a reverse query. */
    public static final String ID = "id";
    public static final String STATUS = "status";
    public static final String ORIGINAL_KEY = "original_key";
    public static final String SIZE = "size";
    public static final String CONTENT_TYPE = "content_type";
    public static final String FILE_NAME = "file_name";
    public static final String CREATED_AT = "created_at";
    public static final String UPDATED_AT = "updated_at";
    /** Epoch milliseconds as a 15-digit zero-padded string (so string order is time order) until which an unfinished item may stay as it is before the sweeper acts on it. */
    public static final String DEADLINE = "deadline";
    /**
     * Set on items that may need the sweeper (UPLOADING, PROCESSING, DELETING), the hash key of the sparse
     * {@link #PENDING_INDEX} (range key {@link #DEADLINE}). Whoever sets READY or FAILED removes
     * both.
     */
    public static final String PENDING = "pending";
    /** How often the sweeper re-drove this photo's S3 event. */
    public static final String REDRIVES = "redrives";
    public static final String FAILURE_REASON = "failure_reason";
    public static final String PROCESSED_AT = "processed_at";
    /** Present only on geotagged photos: the sparse map index's hash key. */
    public static final String GEO_USER_ID = "geo_user_id";
    public static final String TAKEN_AT = "taken_at";
    /**
     * The by-date-taken index's range key: {@code <instant>#<id>}, the instant as {@code yyyy-MM-ddTHH:mm:ss.SSSZ} (fixed
     * width, so it sorts as text) of {@link #TAKEN_AT}, or of {@link #CREATED_AT} for a photo without one.
     */
    public static final String TAKEN_SORT = "taken_sort";

    /** Index names. */
    public static final String GEO_INDEX = "photo-geo-index";
    public static final String PENDING_INDEX = "photo-pending-index";
    /** Hash {@link #USER_ID}, range {@link #TAKEN_SORT}: the album by date taken. */
    public static final String TAKEN_INDEX = "photo-taken-index";

    /** A rendition's attributes are {@code <name>_key}, {@code <name>_width}, {@code <name>_height}, {@code <name>_bytes}. */
    public static String rendition(String name, String part) {
        return name + "_" + part;
    }

    private PhotoAttributes() {
    }
}
