package com.cloudalbum.thumbnail.rendition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.cloudalbum.contract.photo.FailureReason;
import com.cloudalbum.contract.photo.PhotoKey;
import com.cloudalbum.contract.photo.PhotoStatus;
import com.cloudalbum.thumbnail.render.RenderException;
import com.cloudalbum.thumbnail.render.Rendition;
import com.cloudalbum.thumbnail.render.RenditionSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Makes and records the renditions of one original. Safe to run twice for the same event: the keys are fixed per
 * photo and the READY transition is conditional, so a duplicate finds the photo READY and stops.
 *
 * <p>What an event finds decides what happens: PROCESSING or FAILED renders; UPLOADING (object stored,
 * PROCESSING not yet written) waits a little, then is tried again later; READY is a duplicate; DELETING or no
 * item needs nothing. A failure that the same bytes would repeat (see {@link FailureReason#permanent()}) marks the
 * photo FAILED and completes, so the message is acknowledged; anything else is an error and the message is
 * tried again.
 */
@Service
public class RenditionService {

    private static final Logger log = LoggerFactory.getLogger(RenditionService.class);

    static final List<RenditionSpec> SPECS = List.of(RenditionSpec.THUMBNAIL, RenditionSpec.PREVIEW);

    /** Renditions are JPEGs named after their spec, next to the original. */
    static final String RENDITION_SUFFIX = ".jpg";

    /** photo-service sets PROCESSING right after the bytes are stored, so the event can overtake it by a few ms. */
    private static final int UPLOADING_WAITS = 3;
    private static final Duration UPLOADING_WAIT = Duration.ofMillis(300);

    private static final Set<PhotoStatus> RENDERABLE = EnumSet.of(PhotoStatus.PROCESSING, PhotoStatus.FAILED);

    private final PhotoCatalog catalog;
    private final RenditionStore store;
    private final ImageRenderer renderer;
    private final Scheduler renderScheduler;
    private final RenditionMetrics metrics;
    private final Clock clock;

    RenditionService(PhotoCatalog catalog, RenditionStore store, ImageRenderer renderer,
            @Qualifier("renderScheduler") Scheduler renderScheduler, RenditionMetrics metrics,
            Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.renderer = renderer;
        this.renderScheduler = renderScheduler;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Completes when the renditions are stored and recorded, when the photo is marked FAILED for good, or when
     * there is nothing to do. Errors mean "try again later"; on {@code lastTry} the photo is marked FAILED
     * ({@code gave-up}) first, since nobody will try again.
     */
    public Mono<Outcome> handle(CreateRenditions command, boolean lastTry) {
        PhotoKey photo = command.original();
        return statusOnceStored(photo, UPLOADING_WAITS)
                .flatMap(status -> switch (status) {
                    case PROCESSING, FAILED -> render(command);
                    case READY -> skipped(photo, Outcome.ALREADY_READY);
                    case DELETING -> skipped(photo, Outcome.PHOTO_GONE);
                    case UPLOADING -> {
                        if (lastTry) {
                            // still UPLOADING after every try: photo-service died before recording the upload; its
                            // sweeper removes it, or re-drives the event if the upload did finish. Not a DLQ matter.
                            log.info("photo still UPLOADING on the last try; left to photo-service's sweeper [userId={}, photoId={}]",
                                    photo.userId(), photo.photoId());
                            yield skipped(photo, Outcome.LEFT_TO_SWEEPER);
                        }
                        metrics.deferred();
                        yield Mono.<Outcome>error(new PhotoNotStoredYetException(photo));
                    }
                })
                // no item: the upload was undone or the photo deleted; photo-service's sweeper removes any leftovers
                .switchIfEmpty(Mono.defer(() -> skipped(photo, Outcome.PHOTO_GONE)))
                .onErrorResume(e -> lastTry, e -> failed(photo, FailureReason.GAVE_UP, e)
                        .onErrorMap(markFailure -> {
                            e.addSuppressed(markFailure);
                            return e;
                        })
                        .then(Mono.error(e)));
    }

    /**
     * Messages that were not S3 events: counted, and photos they seem to be about that are still PROCESSING are
     * marked FAILED {@code bad-event}. Not UPLOADING ones (their bytes are still coming, and so is their real
     * event), nor READY or FAILED ones (a garbled duplicate must not undo a result or hide its reason). A later
     * good event (the sweeper's re-drive, a redelivery) still renders a FAILED photo.
     *
     * @return how many photos this marked
     */
    public Mono<Long> rejectEvent(Collection<PhotoKey> photosMentioned) {
        metrics.badEvent();
        return Flux.fromIterable(photosMentioned)
                .concatMap(photo -> catalog.markFailed(photo, FailureReason.BAD_EVENT, EnumSet.of(PhotoStatus.PROCESSING))
                        .filter(Boolean::booleanValue)
                        .doOnNext(marked -> {
                            metrics.failed(FailureReason.BAD_EVENT);
                            log.warn("photo failed [userId={}, photoId={}, reason={}]", photo.userId(), photo.photoId(),
                                    FailureReason.BAD_EVENT.code());
                        }))
                .count();
    }

    /** The status, waiting briefly while it is UPLOADING; empty when there is no item. */
    private Mono<PhotoStatus> statusOnceStored(PhotoKey photo, int waitsLeft) {
        return catalog.status(photo).flatMap(status -> status != PhotoStatus.UPLOADING || waitsLeft == 0
                ? Mono.just(status)
                : Mono.delay(UPLOADING_WAIT).then(statusOnceStored(photo, waitsLeft - 1)));
    }

    /** The trace header photo-service stored with the original, for events that arrive without one. */
    public Mono<String> uploadTraceHeader(PhotoKey original) {
        return store.uploadTraceHeader(original);
    }

    private Mono<Outcome> render(CreateRenditions command) {
        PhotoKey photo = command.original();
        return store.openOriginal(photo)
                .publishOn(renderScheduler)
                .map(original -> renderAndClose(photo, original, command.size()))
                .flatMap(renditions -> Flux.fromIterable(renditions)
                        .flatMap(rendition -> {
                            String key = photo.rendition(rendition.fileName());
                            return store.put(key, rendition.bytes(), rendition.format().contentType())
                                    .thenReturn(new StoredRendition(rendition.name(), key, rendition.width(),
                                            rendition.height(), rendition.bytes().length));
                        })
                        .collectList())
                .flatMap(stored -> catalog.markReady(photo, stored).flatMap(outcome -> switch (outcome) {
                    case MARKED -> {
                        Duration lag = Duration.between(command.uploadedAt(), clock.instant());
                        metrics.processed(lag);
                        log.info("renditions ready [userId={}, photoId={}, lagMs={}]", photo.userId(), photo.photoId(),
                                lag.toMillis());
                        yield Mono.just(Outcome.READY);
                    }
                    case ALREADY_READY -> skipped(photo, Outcome.ALREADY_READY);
                    case GONE -> store.delete(stored.stream().map(StoredRendition::key).toList())
                            .then(skipped(photo, Outcome.DELETED_MEANWHILE));
                }))
                // no original while the item says it is stored: FAILED, unless a delete got there first
                .switchIfEmpty(Mono.defer(() -> failed(photo, FailureReason.ORIGINAL_MISSING,
                        new IllegalStateException("no object at " + photo.original()))
                        .flatMap(marked -> failedOrGone(photo, marked))))
                .onErrorResume(RenderException.class, e -> failed(photo, reason(e), e)
                        .flatMap(marked -> failedOrGone(photo, marked)));
    }

    private Mono<Outcome> failedOrGone(PhotoKey photo, boolean marked) {
        return marked ? Mono.just(Outcome.FAILED) : skipped(photo, Outcome.DELETED_MEANWHILE);
    }

    private List<Rendition> renderAndClose(PhotoKey photo, InputStream original, long size) {
        GuardedOriginal guarded = new GuardedOriginal(original);
        try (guarded) {
            return renderer.render(guarded, size, SPECS);
        }
        catch (RenderException e) {
            Exception readFailure = guarded.failure();
            if (readFailure != null) {
                throw new OriginalUnreadableException(photo, readFailure);
            }
            throw e;
        }
        catch (IOException e) {
            throw new UncheckedIOException("closing the original's stream failed", e);
        }
    }

    /** The renderer's reason as the contract names it; a reason it adds later still fails for good. */
    private static FailureReason reason(RenderException e) {
        try {
            return FailureReason.fromCode(e.reason());
        }
        catch (IllegalArgumentException unknown) {
            return FailureReason.UNDECODABLE;
        }
    }

    private Mono<Outcome> skipped(PhotoKey photo, Outcome outcome) {
        metrics.skipped(outcome);
        log.debug("nothing to do [userId={}, photoId={}, outcome={}]", photo.userId(), photo.photoId(), outcome);
        return Mono.just(outcome);
    }

    /**
     * Marks a photo that is PROCESSING or FAILED as FAILED; false when it was neither (deleted meanwhile, or still
     * UPLOADING on a last try). A failure to write is an error: the message is tried again.
     */
    private Mono<Boolean> failed(PhotoKey photo, FailureReason reason, Throwable cause) {
        return catalog.markFailed(photo, reason, RENDERABLE)
                .doOnNext(marked -> {
                    if (marked) {
                        metrics.failed(reason);
                        log.warn("photo failed [userId={}, photoId={}, reason={}]: {}", photo.userId(), photo.photoId(),
                                reason.code(), cause.toString());
                    }
                });
    }

    /** How a handled event ended; only failures to be retried are errors. */
    public enum Outcome {
        READY, ALREADY_READY, PHOTO_GONE, DELETED_MEANWHILE,
        /** Still UPLOADING on the last try: acknowledged, photo-service's sweeper settles it. */
        LEFT_TO_SWEEPER,
        /** Marked FAILED with a permanent reason: the message is done. */
        FAILED
    }

    /** The item is still UPLOADING: photo-service has not yet recorded that the bytes are stored. */
    static final class PhotoNotStoredYetException extends RuntimeException {

        PhotoNotStoredYetException(PhotoKey photo) {
            super("photo still UPLOADING: " + photo.original());
        }
    }

    /** Reading the original failed part-way: the bytes may be fine, so this is retried rather than FAILED. */
    static final class OriginalUnreadableException extends RuntimeException {

        OriginalUnreadableException(PhotoKey photo, Exception cause) {
            super("reading " + photo.original() + " failed: " + cause, cause);
        }
    }
}
