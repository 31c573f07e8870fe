package com.cloudalbum.thumbnail.rendition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
 */
@Service
public class RenditionService {

    private static final Logger log = LoggerFactory.getLogger(RenditionService.class);

    static final List<RenditionSpec> SPECS = List.of(RenditionSpec.THUMBNAIL, RenditionSpec.PREVIEW);

    /** photo-service writes the item right after the object, so the event can overtake it by a few ms. */
    private static final int ITEM_WAITS = 3;
    private static final Duration ITEM_WAIT = Duration.ofMillis(300);

    private final PhotoCatalog catalog;
    private final RenditionStore store;
    private final ImageRenderer renderer;
    private final Scheduler renderScheduler;
    private final RenditionMetrics metrics;

    RenditionService(PhotoCatalog catalog, RenditionStore store, ImageRenderer renderer,
            @Qualifier("renderScheduler") Scheduler renderScheduler, RenditionMetrics metrics) {
        this.catalog = catalog;
        this.store = store;
        this.renderer = renderer;
        this.renderScheduler = renderScheduler;
        this.metrics = metrics;
    }

    /**
     * Completes when the renditions are stored and recorded, or when there is nothing to do. Errors mean "try
     * again later"; on {@code lastTry} the photo is marked FAILED first, since nobody will try again.
     */
    public Mono<Outcome> handle(CreateRenditions command, boolean lastTry) {
        OriginalKey photo = command.original();
        return statusWaitingForItem(photo, ITEM_WAITS)
                .map(Status::of)
                .switchIfEmpty(Mono.defer(() -> store.exists(photo)).map(exists -> exists ? Status.NOT_RECORDED : Status.GONE))
                .flatMap(status -> switch (status) {
                    case RENDER -> render(command);
                    case READY -> skipped(photo, Outcome.ALREADY_READY);
                    case GONE -> skipped(photo, Outcome.PHOTO_GONE);
                    case NOT_RECORDED -> Mono.error(new PhotoNotRecordedException(photo));
                })
                .onErrorResume(RenderException.class, e -> failed(photo, e.reason(), e)
                        .then(Mono.error(e)))
                .onErrorResume(e -> !(e instanceof RenderException) && lastTry,
                        e -> failed(photo, "gave-up", e).then(Mono.error(e)));
    }

    private Mono<String> statusWaitingForItem(OriginalKey photo, int waitsLeft) {
        return catalog.status(photo).switchIfEmpty(Mono.defer(() -> waitsLeft == 0
                ? Mono.empty()
                : Mono.delay(ITEM_WAIT).then(statusWaitingForItem(photo, waitsLeft - 1))));
    }

    /** The trace header photo-service stored with the original, for events that arrive without one. */
    public Mono<String> uploadTraceHeader(OriginalKey original) {
        return store.uploadTraceHeader(original);
    }

    private Mono<Outcome> render(CreateRenditions command) {
        OriginalKey photo = command.original();
        return store.openOriginal(photo)
                .publishOn(renderScheduler)
                .map(original -> renderAndClose(original, command.size()))
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
                        Duration lag = Duration.between(command.uploadedAt(), Instant.now());
                        metrics.processed(lag);
                        log.info("renditions ready [userId={}, photoId={}, lagMs={}]", photo.userId(), photo.photoId(),
                                lag.toMillis());
                        yield Mono.just(Outcome.READY);
                    }
                    case ALREADY_READY -> skipped(photo, Outcome.ALREADY_READY);
                    case GONE -> store.delete(stored.stream().map(StoredRendition::key).toList())
                            .then(skipped(photo, Outcome.DELETED_MEANWHILE));
                }))
                // the original vanished between the status check and the read: the photo was deleted
                .switchIfEmpty(Mono.defer(() -> skipped(photo, Outcome.PHOTO_GONE)));
    }

    private List<Rendition> renderAndClose(InputStream original, long size) {
        try (original) {
            return renderer.render(original, size, SPECS);
        }
        catch (IOException e) {
            throw new UncheckedIOException("closing the original's stream failed", e);
        }
    }

    private Mono<Outcome> skipped(OriginalKey photo, Outcome outcome) {
        metrics.skipped(outcome);
        log.debug("nothing to do [userId={}, photoId={}, outcome={}]", photo.userId(), photo.photoId(), outcome);
        return Mono.just(outcome);
    }

    private Mono<Void> failed(OriginalKey photo, String reason, Throwable cause) {
        metrics.failed(reason);
        log.warn("renditions failed [userId={}, photoId={}, reason={}]: {}", photo.userId(), photo.photoId(), reason,
                cause.toString());
        return catalog.markFailed(photo, reason)
                .onErrorResume(e -> {
                    log.warn("could not mark the photo FAILED [userId={}, photoId={}]: {}", photo.userId(),
                            photo.photoId(), e.toString());
                    return Mono.empty();
                });
    }

    /** How a handled event ended; failures are errors, not outcomes. */
    public enum Outcome {
        READY, ALREADY_READY, PHOTO_GONE, DELETED_MEANWHILE
    }

    private enum Status {
        RENDER, READY, GONE, NOT_RECORDED;

        static Status of(String status) {
            return switch (status) {
                case PhotoCatalog.READY -> READY;
                case PhotoCatalog.DELETING -> GONE;
                default -> RENDER;
            };
        }
    }

    /** The object exists but its item does not (yet): photo-service is still writing it, or failed to. */
    static final class PhotoNotRecordedException extends RuntimeException {

        PhotoNotRecordedException(OriginalKey photo) {
            super("no Photo item yet for " + photo.value());
        }
    }
}
