package com.cloudalbum.photo.sweep;

import reactor.core.publisher.Mono;

/** Sends thumbnail-service the S3 event of an original again, as S3 would have. */
interface EventRedrive {

    /** False when re-driving is not configured here. */
    boolean enabled();

    Mono<Void> redrive(String bucket, String key);
}
