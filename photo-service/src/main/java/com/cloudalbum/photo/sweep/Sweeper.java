package com.cloudalbum.photo.sweep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import com.cloudalbum.contract.photo.FailureReason;
import com.cloudalbum.contract.photo.PhotoKey;
import com.cloudalbum.contract.photo.PhotoStatus;
import com.cloudalbum.photo.catalog.PhotoRepository;
import com.cloudalbum.photo.catalog.PhotoRepository.Pending;
import com.cloudalbum.photo.config.PhotoProperties;
import com.cloudalbum.photo.storage.PhotoObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finishes what a crash, a timeout after the fact or a lost race left, every {@code album.photo.sweeper.interval}
 * (with jitter), a bounded batch per run:
 * <ul>
 *   <li>UPLOADING past its deadline (the upload's longest duration + margin): claimed (→ DELETING), objects and item
 *       removed — the upload died;</li>
 *   <li>PROCESSING past its deadline: the original's event re-driven to thumbnail-service (at most
 *       {@code max-redrives} times), then FAILED {@code processing-timeout}; FAILED {@code original-missing} when the
 *       original is gone;</li>
 *   <li>DELETING past its deadline: objects and item removed (a delete that died half-way);</li>
 *   <li>objects under {@code photos/} with no item, and multipart uploads, older than {@code orphan-grace}: removed.</li>
 * </ul>
 * Safe with many tasks: every transition is a conditional write that one task wins; deletes are idempotent. Each
 * finding is counted ({@code photo.sweeper.settled{outcome}}) and logged once.
 */
@Component
public class Sweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Sweeper.class);

    private final PhotoRepository photos;
    private final PhotoObjectStore store;
    private final EventRedrive redrive;
    private final PhotoProperties properties;
    private final PhotoProperties.Sweeper settings;
    private final Clock clock;
    private final MeterRegistry meters;
    /** Where the orphan scan goes on next run; only this instance's progress, so a restart starts over. */
    private volatile String orphanScanAfter = "";
    private volatile @Nullable Disposable running;

    Sweeper(PhotoRepository photos, PhotoObjectStore store, EventRedrive redrive, PhotoProperties properties, Clock clock,
            MeterRegistry meters) {
        this.photos = photos;
        this.store = store;
        this.redrive = redrive;
        this.properties = properties;
        this.settings = properties.sweeper();
        this.clock = clock;
        this.meters = meters;
    }

    /** One run: unfinished items past their deadline, then a page of orphan objects, then stale multipart uploads. */
    public Mono<Long> sweepOnce() {
        Instant now = clock.instant();
        Instant orphanBefore = now.minus(settings.orphanGrace());
        Mono<Long> items = photos.pastDeadline(now, settings.batch())
                .concatMap(photo -> settle(photo, now)
                        .onErrorResume(e -> {
                            log.warn("sweeper could not settle a photo; next run tries again [userId={}, photoId={}, status={}]",
                                    photo.userId(), photo.id(), photo.status(), e);
                            return Mono.just(0L);
                        }))
                .reduce(0L, Long::sum);
        Mono<Long> orphans = Mono.defer(() -> sweepOrphans(orphanBefore));
        Mono<Long> uploads = store.abortUploadsStartedBefore(PhotoKey.PREFIX, orphanBefore)
                .doOnNext(n -> {
                    if (n > 0) {
                        count("incomplete-multipart-upload", n);
                        log.info("sweeper aborted incomplete multipart uploads [count={}]", n);
                    }
                })
                .map(Integer::longValue);
        return Flux.concat(items, orphans, uploads).reduce(0L, Long::sum);
    }

    private Mono<Long> settle(Pending photo, Instant now) {
        PhotoStatus status = PhotoStatus.valueOf(photo.status());
        return switch (status) {
            case UPLOADING -> photos.claimForCleanup(photo.userId(), photo.id(), photo.status(), now.plus(settings.margin()))
                    .flatMap(claimed -> claimed ? removePhoto(photo, "abandoned-upload") : Mono.just(0L));
            case DELETING -> removePhoto(photo, "unfinished-delete");
            case PROCESSING -> settleProcessing(photo, now);
            case READY, FAILED -> photos.clearPending(photo).thenReturn(0L);
        };
    }

    private Mono<Long> settleProcessing(Pending photo, Instant now) {
        String original = photo.originalKey() != null ? photo.originalKey() : new PhotoKey(photo.userId(), photo.id()).original();
        return store.exists(original).flatMap(exists -> {
            if (!exists) {
                return fail(photo, FailureReason.ORIGINAL_MISSING, now);
            }
            if (!redrive.enabled() || photo.redrives() >= settings.maxRedrives()) {
                return fail(photo, FailureReason.PROCESSING_TIMEOUT, now);
            }
            // the conditional write first: of many tasks, one re-drives
            return photos.markRedriven(photo, now.plus(settings.processingDeadline()))
                    .flatMap(won -> won
                            ? redrive.redrive(properties.bucket(), original).thenReturn(outcome(photo, "redriven"))
                            : Mono.just(0L));
        });
    }

    private Mono<Long> fail(Pending photo, FailureReason reason, Instant now) {
        return photos.markFailed(photo, reason.code(), now).map(won -> won ? outcome(photo, "failed-" + reason.code()) : 0L);
    }

    private Mono<Long> removePhoto(Pending photo, String outcome) {
        return store.deleteAll(new PhotoKey(photo.userId(), photo.id()).prefix())
                .then(photos.delete(photo.userId(), photo.id()))
                .thenReturn(outcome(photo, outcome));
    }

    private long outcome(Pending photo, String outcome) {
        count(outcome, 1);
        log.info("sweeper settled a photo [userId={}, photoId={}, was={}, outcome={}]", photo.userId(), photo.id(),
                photo.status(), outcome);
        return 1;
    }

    /** One page of keys per run; an object whose photo has no item (after the grace period) is an orphan. */
    private Mono<Long> sweepOrphans(Instant before) {
        String after = orphanScanAfter;
        return store.list(PhotoKey.PREFIX, after, settings.batch())
                .collectList()
                .flatMap(page -> {
                    // a short page (or an empty one) ends the pass: the next run starts from the beginning
                    orphanScanAfter = page.size() < settings.batch() ? "" : page.get(page.size() - 1).key();
                    return Flux.fromIterable(page)
                            .filter(object -> object.lastModified().isBefore(before))
                            .map(PhotoObjectStore.ListedObject::key)
                            .concatMap(key -> {
                                PhotoKey photo = PhotoKey.parseAny(key);
                                if (photo == null) {
                                    return Mono.just(0L);
                                }
                                return photos.exists(photo.userId(), photo.photoId())
                                        .flatMap(exists -> exists ? Mono.just(0L) : store.delete(key).then(Mono.fromCallable(() -> {
                                            count("orphan-object", 1);
                                            log.info("sweeper removed an object with no photo item [key={}]", key);
                                            return 1L;
                                        })));
                            })
                            .reduce(0L, Long::sum);
                });
    }

    private void count(String outcome, long n) {
        meters.counter("photo.sweeper.settled", "outcome", outcome).increment(n);
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            log.info("sweeper disabled");
            return;
        }
        Duration interval = settings.interval();
        // jitter, so many tasks started together do not sweep in step
        Duration first = Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(1, interval.toMillis())));
        running = Flux.interval(first, interval)
                .onBackpressureDrop()
                .concatMap(tick -> sweepOnce().onErrorResume(e -> {
                    log.warn("sweep failed; next run tries again", e);
                    return Mono.empty();
                }), 1)
                .subscribe();
        log.info("sweeper every {} [batch={}, uploadDeadline={}+{}, processingDeadline={}, orphanGrace={}, redrive={}]",
                interval, settings.batch(), properties.uploadMaxDuration(), settings.margin(), settings.processingDeadline(),
                settings.orphanGrace(), redrive.enabled() ? settings.thumbnailQueue() : "off");
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
