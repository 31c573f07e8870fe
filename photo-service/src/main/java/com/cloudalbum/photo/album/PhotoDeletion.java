package com.cloudalbum.photo.album;

import java.time.Duration;

import com.cloudalbum.common.tracing.TraceScope;
import com.cloudalbum.contract.photo.PhotoKey;
import com.cloudalbum.photo.catalog.PhotoRepository;
import com.cloudalbum.photo.problem.PhotoProblems;
import com.cloudalbum.photo.storage.PhotoObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Marks the photo DELETING, removes its original and renditions, then the item: a failure on the way
 * leaves a DELETING item (invisible to readers) that a repeated DELETE finishes, never a visible
 * photo without its bytes nor bytes without an item.
 */
@Service
class PhotoDeletion {

    private static final Logger log = LoggerFactory.getLogger(PhotoDeletion.class);

    private final PhotoRepository photos;
    private final PhotoObjectStore store;

    PhotoDeletion(PhotoRepository photos, PhotoObjectStore store) {
        this.photos = photos;
        this.store = store;
    }

    Mono<Void> delete(String userId, String id) {
        return photos.markDeleting(userId, id)
                .switchIfEmpty(Mono.error(PhotoProblems::notFound))
                .flatMap(photo -> store.deleteAll(new PhotoKey(userId, id).prefix())
                        .retryWhen(Retry.backoff(2, Duration.ofMillis(200)))
                        .onErrorMap(e -> PhotoProblems.storageUnavailable()))
                .then(photos.delete(userId, id))
                .then(TraceScope.run(() -> log.info("photo deleted [userId={}, photoId={}]", userId, id)));
    }
}
