package com.cloudalbum.photo.album;

import java.time.Duration;
import java.time.Instant;

/** Signs a GET of one object of the photo bucket as if at {@code signedAt}, valid for {@code validFor} from then. */
interface UrlSigner {

    String sign(String key, Instant signedAt, Duration validFor);

    /** Who signs (the access key id): a URL signed by rotated credentials is not reused. */
    String signerId();
}
