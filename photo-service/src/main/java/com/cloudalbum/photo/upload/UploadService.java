package com.cloudalbum.photo.upload;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import com.cloudalbum.common.aws.AwsFailures;
import com.cloudalbum.common.problem.ClassifiedFailure;
import com.cloudalbum.common.tracing.TraceScope;
import com.cloudalbum.contract.photo.PhotoKey;
import com.cloudalbum.photo.catalog.PhotoRecord;
import com.cloudalbum.photo.catalog.PhotoRepository;
import com.cloudalbum.photo.catalog.UploadNoLongerPendingException;
import com.cloudalbum.photo.config.PhotoProperties;
import com.cloudalbum.photo.exif.ExifRangeCompletion;
import com.cloudalbum.photo.problem.PhotoProblems;
import com.cloudalbum.photo.storage.PhotoObjectStore;
import com.cloudalbum.photo.storage.PhotoStorageException;
import com.cloudalbum.photo.storage.StoredObject;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Streams an upload into S3 as it arrives, owning the photo's life until its bytes are stored:
 * <ol>
 *   <li>fields validated and the type read from the first bytes (400/415 before anything is stored);</li>
 *   <li>the item written {@code UPLOADING}, with a deadline, so an S3 event always finds an item and a crash leaves
 *       something the sweeper can find;</li>
 *   <li>the bytes streamed: a raw body into one PutObject of its declared length, a multipart file of a body of known
 *       length likewise (of the length it has as the last part; cut back in S3 when parts follow it), a chunked
 *       multipart body's file in parts of {@code album.photo.part-size} — counted, capped, timed out when the client
 *       goes quiet;</li>
 *   <li>EXIF read from the first {@value #METADATA_PREFIX} bytes, and the item replaced by the stored photo,
 *       {@code PROCESSING}, conditional on it still being {@code UPLOADING}.</li>
 * </ol>
 * Whatever ends it early — an error, a client hanging up, a timeout — the attempt is undone: the item is claimed
 * (UPLOADING → DELETING, conditional, so an upload whose last write did apply is never undone), then the object and
 * the item are removed. What a dead process leaves is the {@link com.cloudalbum.photo.sweep.Sweeper}'s.
 *
 * <p>Memory per upload in flight: raw — the metadata prefix (at most 256 KiB, heap), the 64 KiB block being filled
 * and the few handed on to S3, and the network chunks Reactor Netty prefetches (direct memory); multipart of known length
 * — the same, with the parser's blocks and a field's value at most ({@link MultipartParser}) instead of ours; chunked
 * multipart — one part (5 MiB by default, heap) besides. Each upload takes a slot ({@link UploadSlots}) so that what
 * it holds fits a third of the heap: raw-sized slots for the first two, part-sized ones for the third.
 *
 * <p>Over 300 lines on purpose: both upload forms and their undo share one {@code Attempt}'s state (item, write, counts,
 * idle clock); split apart, every step would pass that state around and the order of the steps would be harder to see.
 */
@Service
public class UploadService {

    static final int METADATA_PREFIX = 256 * 1024;
    /** The body goes downstream (and to S3) in blocks of this size, not in network chunks of a few KiB. */
    static final int BLOCK = 64 * 1024;
    /**
     * Items asked for ahead at each step of the body's pipeline. Reactor's default (256) let a client faster than S3
     * have 256 network chunks read and copied per upload (16 MB of heap, or of direct memory for multipart part
     * events): 64 uploads at once ran a 96 MB photo-service out of heap.
     */
    static final int AHEAD = 2;
    /** What a raw upload holds besides its prefix: the block being filled and a few handed on to the SDK. */
    static final int RAW_CHUNKS = 4 * BLOCK;
    /** The padding of a file shorter than its declared length: only ever read, so one array serves every upload. */
    private static final byte[] ZEROS = new byte[BLOCK];
    /** A form field's value at most (a description is far shorter); longer is a 400 naming the field. */
    static final int MAX_FIELD_BYTES = 64 * 1024;
    /** What a multipart body may hold besides its file: fields, headers, delimiters. */
    static final long MAX_FORM_BYTES = 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(UploadService.class);

    private final PhotoObjectStore store;
    private final PhotoRepository photos;
    private final PhotoProperties properties;
    private final PhotoIds ids;
    private final MetadataReader metadata;
    private final ExifRangeCompletion exif;
    private final Scheduler cpu;
    private final Clock clock;
    private final UploadSlots rawSlots;
    private final UploadSlots partSlots;

    UploadService(PhotoObjectStore store, PhotoRepository photos, PhotoProperties properties, PhotoIds ids,
            MetadataReader metadata, ExifRangeCompletion exif, @Qualifier("metadataScheduler") Scheduler cpu, Clock clock) {
        this.store = store;
        this.photos = photos;
        this.properties = properties;
        this.ids = ids;
        this.metadata = metadata;
        this.exif = exif;
        this.cpu = cpu;
        this.clock = clock;
        long heap = Runtime.getRuntime().maxMemory();
        this.rawSlots = new UploadSlots(slotCount(properties.maxConcurrentUploads(), METADATA_PREFIX + RAW_CHUNKS, heap));
        this.partSlots = new UploadSlots(slotCount(properties.maxConcurrentUploads(),
                properties.partSize().toBytes() + METADATA_PREFIX, heap));
        log.info("uploads read at once: {} raw, {} multipart (parts of {}); {} waits at most [maxHeap={} MB]",
                rawSlots.capacity(), partSlots.capacity(), properties.partSize(), properties.uploadQueueTimeout(), heap >> 20);
    }

    /**
     * Uploads in flight at most, so that what each holds takes at most a third of the heap together: the rest is the
     * application's own (a 96 MB photo-service holds about 45 MB of it; half the heap for uploads ran it out of memory).
     */
    static int slotCount(int configured, long bytesPerUpload, long maxHeapBytes) {
        return configured > 0 ? configured : (int) Math.max(1, maxHeapBytes / 3 / bytesPerUpload);
    }

    /** The image itself as the body, {@code length} bytes as declared; fields from the query string. */
    public Mono<PhotoRecord> uploadRaw(String userId, Map<String, String> query, long length, Flux<DataBuffer> body) {
        long max = properties.maxUploadSize().toBytes();
        if (length > max) {
            return Mono.error(PhotoProblems.tooLarge(max));
        }
        if (length <= 0) {
            return Mono.error(PhotoProblems.missingFile());
        }
        UploadFields fields;
        try {
            fields = UploadFields.parse(query);
        } catch (ErrorResponseException invalid) {
            return Mono.error(invalid);
        }
        return rawSlots.withSlot(properties.uploadQueueTimeout(), PhotoProblems::uploadsBusy, () -> {
            Attempt attempt = new Attempt(userId, (int) Math.min(length, METADATA_PREFIX));
            Flux<ByteBuffer> bytes = attempt.blocks(attempt.watched(body), length);
            return withHead(bytes, (type, all) -> attempt.begin(type, fields, query.get("filename"))
                    .then(attempt.storing(store.put(attempt.key(), type.contentType(), length, all, properties.uploadMaxDuration())))
                    .then(Mono.defer(() -> attempt.complete(fields))))
                    .transform(attempt::undoUnlessDone);
        }).transform(this::problems);
    }

    /**
     * A {@code multipart/form-data} body: one part named {@code file}, the fields as form parts before or after it.
     * Read by {@link MultipartParser}: the file's bytes go on as slices of the blocks the body was copied into.
     *
     * <p>With the body's {@code contentLength} known, the file streams into one PutObject as a raw body does, of the
     * length it has when it is the last part (as browsers and {@code curl -F} send a file given last): what is left of
     * the body after the file's first byte, less the closing delimiter. No part is buffered, so such an upload holds
     * what a raw one does. A file followed by more parts is shorter than that: the object is filled up to the declared
     * length and then cut back to the file in S3 ({@link PhotoObjectStore#truncate}), one server-side copy. Without a
     * length (a chunked body) the file goes up in parts of {@code album.photo.part-size}, one part held at a time.
     */
    public Mono<PhotoRecord> uploadMultipart(String userId, @Nullable String boundary, long contentLength,
            Flux<DataBuffer> body) {
        if (!MultipartParser.validBoundary(boundary)) {
            return Mono.error(PhotoProblems.malformedMultipart("no valid boundary in the Content-Type"));
        }
        long maxBody = properties.maxUploadSize().toBytes() + MAX_FORM_BYTES;
        if (contentLength > maxBody) {
            return Mono.error(PhotoProblems.tooLarge(maxBody));
        }
        UploadSlots slots = contentLength >= 0 ? rawSlots : partSlots;
        return slots.withSlot(properties.uploadQueueTimeout(), PhotoProblems::uploadsBusy, () -> {
            Attempt attempt = new Attempt(userId, METADATA_PREFIX);
            Map<String, String> fields = new HashMap<>();
            return MultipartParser.parse(attempt.watched(body), boundary, maxBody, MAX_FIELD_BYTES)
                    .windowUntil(MultipartParser.Event::isLast, false, AHEAD)
                    .concatMap(part -> part.switchOnFirst((first, events) -> {
                        MultipartParser.Event event = first.get();
                        if (event instanceof MultipartParser.FileStart file && "file".equals(file.name())) {
                            Flux<ByteBuffer> content = events.ofType(MultipartParser.FileBytes.class).map(MultipartParser.FileBytes::bytes);
                            long asLastPart = contentLength < 0 ? -1
                                    : contentLength - file.offset() - MultipartParser.closingDelimiterLength(boundary);
                            return storeFilePart(attempt, fields, file.filename(), content, contentLength >= 0, asLastPart).flux();
                        }
                        if (event instanceof MultipartParser.Field field) {
                            fields.putIfAbsent(field.name(), field.value());
                        }
                        return events.then().flux();
                    }))
                    .then(Mono.defer(() -> attempt.begun()
                            // fields after the file are checked now; a bad one undoes the stored file
                            ? attempt.complete(UploadFields.parse(fields))
                            : Mono.error(PhotoProblems.missingFile())))
                    .transform(attempt::undoUnlessDone);
        }).transform(this::problems);
    }

    private Mono<Void> storeFilePart(Attempt attempt, Map<String, String> fieldsSoFar, @Nullable String fileName,
            Flux<ByteBuffer> content, boolean lengthKnown, long asLastPart) {
        if (attempt.begun()) {
            return Mono.error(PhotoProblems.invalid(List.of(Map.of("field", "file", "message", "only one file per upload"))));
        }
        UploadFields fields = UploadFields.parse(fieldsSoFar); // the fields sent before the file, before a byte is stored
        long max = properties.maxUploadSize().toBytes();
        if (lengthKnown && asLastPart < 0) {
            return Mono.error(PhotoProblems.malformedMultipart("the body ends before its closing boundary"));
        }
        if (asLastPart > max) {
            return Mono.error(PhotoProblems.tooLarge(max));
        }
        BiFunction<ImageType, Flux<ByteBuffer>, Mono<StoredObject>> write = !lengthKnown
                ? (type, all) -> store.putInParts(attempt.key(), type.contentType(), all, (int) properties.partSize().toBytes())
                : (type, all) -> store.put(attempt.key(), type.contentType(), asLastPart, attempt.filledTo(all, asLastPart),
                                properties.uploadMaxDuration())
                        .flatMap(stored -> attempt.size() == asLastPart ? Mono.just(stored)
                                : store.truncate(attempt.key(), type.contentType(), attempt.size()));
        return withHead(attempt.counted(content), (type, all) -> attempt.begin(type, fields, fileName)
                .then(attempt.storing(write.apply(type, all))))
                .then();
    }

    /** Reads the stream's head (at least {@link ImageType#PREFIX_BYTES}), tells the type, then hands on the whole stream. */
    private static <T> Mono<T> withHead(Flux<ByteBuffer> bytes, BiFunction<ImageType, Flux<ByteBuffer>, Mono<T>> then) {
        return Flux.defer(() -> {
                    long[] seen = {0};
                    return bytes.bufferUntil(chunk -> seen[0] >= ImageType.PREFIX_BYTES
                            || (seen[0] += chunk.remaining()) >= ImageType.PREFIX_BYTES);
                })
                .switchOnFirst((first, chunks) -> {
                    if (first.hasError()) {
                        return Flux.<T>error(first.getThrowable());
                    }
                    if (!first.hasValue()) {
                        return Flux.<T>error(PhotoProblems.missingFile());
                    }
                    Optional<ImageType> type = detect(first.get());
                    if (type.isEmpty()) {
                        return Flux.<T>error(PhotoProblems.unsupportedType());
                    }
                    return then.apply(type.get(), chunks.concatMapIterable(list -> list, AHEAD)).flux();
                })
                .next();
    }

    /** One answer per failure: client mistakes as they are, storage trouble as 503 (or 500 when S3 refuses), logged. */
    private Mono<PhotoRecord> problems(Mono<PhotoRecord> upload) {
        // the mappings that log run in TraceScope.defer: the lines carry the request's trace id
        return upload.onErrorMap(e -> !(e instanceof ErrorResponseException) && problemIn(e) != null, UploadService::problemInOrSelf)
                .onErrorResume(PhotoStorageException.class, e -> TraceScope.defer(() -> Mono.error(storageProblem(e))))
                .onErrorResume(UploadNoLongerPendingException.class, e -> TraceScope.defer(() -> {
                    log.warn("upload finished after its item was claimed for cleanup; not stored", e);
                    return Mono.error(PhotoProblems.storageUnavailable());
                }))
                // the catalog's transient failures read as the upload's; the rest goes to the one error map (500, ERROR)
                .onErrorResume(e -> e instanceof SdkException sdk && AwsFailures.classify(sdk).isTransient(), e -> TraceScope.defer(() -> {
                    log.warn("photo catalog unavailable during an upload", e);
                    return Mono.error(PhotoProblems.storageUnavailable());
                }));
    }

    /** The cause is logged here, once: WARN for what a retry may fix (503), ERROR for what operators must fix (500). */
    private static Throwable storageProblem(PhotoStorageException e) {
        SdkException sdk = causeOf(e, SdkException.class);
        ClassifiedFailure failure = sdk == null ? null : AwsFailures.classify(sdk);
        if (failure != null && (failure.kind() == ClassifiedFailure.Kind.MISCONFIGURED || failure.kind() == ClassifiedFailure.Kind.BUG)) {
            log.error("photo storage refused the upload: check the bucket and the task role [{}: {}]", e.getMessage(),
                    failure.summary(), e);
            return PhotoProblems.storageMisconfigured();
        }
        log.warn("photo not stored: storage unavailable [{}]", e.getMessage(), e);
        return PhotoProblems.storageUnavailable();
    }

    private static Throwable problemInOrSelf(Throwable failure) {
        ErrorResponseException problem = problemIn(failure);
        return problem == null ? failure : problem;
    }

    /** The SDK wraps a failure of the body it read (too large, stalled) in its own exceptions. */
    private static @Nullable ErrorResponseException problemIn(Throwable failure) {
        return causeOf(failure, ErrorResponseException.class);
    }

    private static <E extends Throwable> @Nullable E causeOf(Throwable failure, Class<E> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static List<ByteBuffer> append(List<ByteBuffer> list, ByteBuffer next) {
        List<ByteBuffer> longer = new ArrayList<>(list);
        longer.add(next);
        return longer;
    }

    private static Optional<ImageType> detect(List<ByteBuffer> head) {
        byte[] bytes = new byte[head.stream().mapToInt(ByteBuffer::remaining).sum()];
        int at = 0;
        for (ByteBuffer chunk : head) {
            int n = chunk.remaining();
            chunk.duplicate().get(bytes, at, n);
            at += n;
        }
        return ImageType.detect(bytes, bytes.length);
    }

    /** The client's file name, kept only as an attribute: no path, no control characters, bounded. */
    static String sanitise(@Nullable String fileName, ImageType type) {
        String name = fileName == null ? "" : fileName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .replaceAll("[\\p{Cntrl}\"<>|*?:]", "_")
                .strip();
        if (name.length() > 120) {
            name = name.substring(0, 120);
        }
        return name.isEmpty() || name.equals(".") || name.equals("..") ? "photo." + type.extension() : name;
    }

    /** One upload's state, touched by its own pipeline only (Reactor serialises the signals). */
    private final class Attempt {

        private final String userId;
        private final String photoId = ids.next();
        private final PrefixCapture prefix;
        private final AtomicLong size = new AtomicLong();
        private final AtomicLong requested = new AtomicLong();
        private final AtomicLong delivered = new AtomicLong();
        private @Nullable PhotoRecord uploading;
        private volatile boolean begun;
        private volatile boolean done;
        private volatile long lastBytesAt;
        private volatile boolean writing;
        private Mono<Void> settled = Mono.empty();
        private Mono<Void> created = Mono.empty();
        /** Set when the idle watchdog fired: true if we were waiting for the client, false if storage held us back. */
        private volatile @Nullable Boolean stalledWaiting;
        private byte[] block = new byte[BLOCK];
        private int filled;

        Attempt(String userId, int prefixBytes) {
            this.userId = userId;
            this.prefix = new PrefixCapture(prefixBytes);
        }

        String key() {
            return new PhotoKey(userId, photoId).original();
        }

        boolean begun() {
            return begun;
        }

        /**
         * The request body, watched: a client that sends nothing for the idle timeout while we wait for it ends it
         * with a 408; when we did not ask for more (storage holds us back), it is storage that stalled. One timer per
         * upload, not per chunk.
         */
        Flux<DataBuffer> watched(Flux<DataBuffer> body) {
            Duration idle = properties.uploadIdleTimeout();
            lastBytesAt = System.nanoTime();
            Flux<Long> stalled = Flux.interval(idle.dividedBy(4))
                    .filter(tick -> System.nanoTime() - lastBytesAt > idle.toNanos())
                    .doOnNext(tick -> stalledWaiting = requested.get() > delivered.get());
            return body.doOnRequest(n -> {
                        if (requested.get() == delivered.get()) {
                            lastBytesAt = System.nanoTime(); // the idle clock starts when we ask
                        }
                        requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                    })
                    .doOnNext(buffer -> {
                        delivered.incrementAndGet();
                        lastBytesAt = System.nanoTime();
                    })
                    .takeUntilOther(stalled)
                    .concatWith(Mono.defer(() -> stalledWaiting == null ? Mono.empty()
                            : Mono.error(stalledWaiting ? PhotoProblems.bodyTimeout(idle)
                                    : new PhotoStorageException(key(), new TimeoutException("storage took no bytes for " + idle)))));
            // no discard hook for DataBuffers here: the buffers queued upstream belong to Reactor Netty, which
            // releases them on cancel; releasing them here too broke the connection's decoder
        }

        /**
         * A raw body as byte buffers of {@value #BLOCK} bytes: copied out of the network buffers (released at once)
         * into blocks, so everything downstream — and each write of the SDK — handles a block, not every small network
         * chunk; counted against {@code expected}, the declared length, the prefix kept.
         */
        Flux<ByteBuffer> blocks(Flux<DataBuffer> body, long expected) {
            // map releases each network buffer; only lists of blocks reach the flattening (whose discards
            // would otherwise release a buffer a second time)
            return body.map(buffer -> blocks(buffer, expected))
                    .concatMapIterable(full -> full, AHEAD)
                    .concatWith(Mono.defer(() -> {
                        // a body shorter than declared fails before the request to S3 completes, so S3 stores nothing
                        if (size.get() != expected) {
                            return Mono.error(PhotoProblems.lengthMismatch(expected, size.get()));
                        }
                        return filled == 0 ? Mono.empty() : Mono.just(ByteBuffer.wrap(block, 0, filled));
                    }));
        }

        /** A multipart file's bytes, already in blocks: counted against the limit, the prefix kept. */
        Flux<ByteBuffer> counted(Flux<ByteBuffer> content) {
            long max = properties.maxUploadSize().toBytes();
            return content.doOnNext(bytes -> {
                if (size.addAndGet(bytes.remaining()) > max) {
                    throw PhotoProblems.tooLarge(max);
                }
                prefix.offer(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            });
        }

        long size() {
            return size.get();
        }

        /**
         * A file's bytes as exactly {@code declared} bytes: the last slice is held back until the file ends, so the
         * object cannot be complete before we know the file's length. A file longer than declared fails (400) with
         * the object incomplete; a shorter one is followed by zeros up to {@code declared} (cut off afterwards).
         */
        Flux<ByteBuffer> filledTo(Flux<ByteBuffer> bytes, long declared) {
            ByteBuffer[] held = {null};
            long[] total = {0};
            return bytes.<ByteBuffer>handle((slice, sink) -> {
                        total[0] += slice.remaining();
                        if (total[0] > declared) {
                            sink.error(PhotoProblems.malformedMultipart("the file part is longer than the body's length"
                                    + " allows for a last part; end the body with CRLF after its closing boundary"));
                            return;
                        }
                        ByteBuffer previous = held[0];
                        held[0] = slice;
                        if (previous != null) {
                            sink.next(previous);
                        }
                    })
                    .concatWith(Flux.defer(() -> {
                        List<ByteBuffer> rest = new ArrayList<>();
                        if (held[0] != null) {
                            rest.add(held[0]);
                        }
                        for (long missing = declared - total[0]; missing > 0; missing -= BLOCK) {
                            rest.add(ByteBuffer.wrap(ZEROS, 0, (int) Math.min(BLOCK, missing)));
                        }
                        return Flux.fromIterable(rest);
                    }));
        }

        /** Copies one network buffer into the current block; returns the blocks it filled (usually none or one). */
        private List<ByteBuffer> blocks(DataBuffer buffer, long expected) {
            try {
                int n = buffer.readableByteCount();
                if (size.addAndGet(n) > expected) {
                    throw PhotoProblems.lengthMismatch(expected, size.get());
                }
                List<ByteBuffer> full = List.of();
                while (buffer.readableByteCount() > 0) {
                    int take = Math.min(buffer.readableByteCount(), BLOCK - filled);
                    buffer.read(block, filled, take);
                    prefix.offer(block, filled, take);
                    filled += take;
                    if (filled == BLOCK) {
                        full = full.isEmpty() ? List.of(ByteBuffer.wrap(block)) : append(full, ByteBuffer.wrap(block));
                        block = new byte[BLOCK];
                        filled = 0;
                    }
                }
                return full;
            } finally {
                DataBufferUtils.release(buffer);
            }
        }

        /**
         * The write to S3, kept running when the request is cancelled (a client that hangs up after its last byte):
         * the undo waits for it to settle, so an object that lands late is still removed.
         */
        Mono<StoredObject> storing(Mono<StoredObject> write) {
            Mono<StoredObject> shared = write.doOnSubscribe(s -> writing = true).cache();
            settled = shared.then().onErrorResume(e -> Mono.empty());
            return shared;
        }

        /** The item, UPLOADING, before any byte is stored. */
        Mono<Void> begin(ImageType type, UploadFields fields, @Nullable String rawFileName) {
            begun = true;
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            PhotoRecord photo = PhotoRecord.uploaded(userId, photoId, key(), 0, type.contentType(), sanitise(rawFileName, type),
                    fields.tags(), fields.description(), fields.hint(), PhotoRecord.Capture.unknown(), now);
            uploading = photo;
            // not cancelled with the request: the undo waits for it, so an item written after a cancel is still removed
            Mono<PhotoRecord> create = photos.createUploading(photo,
                    now.plus(properties.uploadMaxDuration()).plus(properties.sweeper().margin())).cache();
            created = create.then().onErrorResume(e -> Mono.empty());
            return create.then();
        }

        /** The bytes are stored: EXIF from the prefix, then the item becomes the photo, PROCESSING. */
        Mono<PhotoRecord> complete(UploadFields fields) {
            PhotoRecord started = uploading;
            if (started == null) {
                return Mono.error(PhotoProblems.missingFile());
            }
            return Mono.fromCallable(() -> metadata.read(prefix.bytes(), prefix.length()))
                    .subscribeOn(cpu)
                    .map(exif -> stored(started, fields, exif))
                    .flatMap(photo -> photos.completeUpload(photo,
                            clock.instant().plus(properties.sweeper().processingDeadline())))
                    .<PhotoRecord>handle((photo, sink) -> { // handle sets the trace for the line
                        done = true;
                        log.info("photo stored [userId={}, photoId={}, bytes={}]", userId, photo.id(), photo.size());
                        sink.next(photo);
                    })
                    // a HEIF whose EXIF lies past the prefix: read just that range now (bounded; never fails)
                    .flatMap(photo -> metadata.exifPastPrefix(prefix.bytes(), prefix.length())
                            .map(where -> exif.complete(userId, photoId, key(), where))
                            .orElse(Mono.empty())
                            .thenReturn(photo));
        }

        private PhotoRecord stored(PhotoRecord started, UploadFields fields, PhotoMetadata exif) {
            PhotoRecord.Place place = exif.hasLocation()
                    ? new PhotoRecord.Place(exif.latitude(), exif.longitude(), null, null, null, "EXIF")
                    : fields.hint();
            PhotoRecord.Capture capture = new PhotoRecord.Capture(exif.takenAt(), exif.takenAtOffset(),
                    exif.takenAtLocal() == null ? null : exif.takenAtLocal().toString(), exif.make(), exif.model(),
                    exif.width(), exif.height(), exif.orientation());
            return PhotoRecord.uploaded(userId, photoId, key(), size.get(), started.contentType(), started.fileName(),
                    fields.tags(), fields.description(), place, capture, started.createdAt());
        }

        /** Runs the upload; unless it completed, undoes it — on error and on cancel alike. */
        <T> Mono<T> undoUnlessDone(Mono<T> upload) {
            return Mono.usingWhen(Mono.just(this), attempt -> upload, attempt -> Mono.empty(),
                    (attempt, error) -> undo(error.toString()), attempt -> undo("cancelled"));
        }

        private Mono<Void> undo(String why) {
            if (!begun || done) {
                return Mono.empty();
            }
            Instant deadline = clock.instant().plus(properties.sweeper().margin());
            Mono<Void> written = writing ? settled.timeout(properties.uploadMaxDuration(), Mono.empty()) : Mono.empty();
            // once the write settled (or never started), claim: if the PROCESSING write applied after all (a timeout
            // after the fact), the photo stays
            return created.timeout(properties.uploadMaxDuration(), Mono.empty()).then(written)
                    .then(photos.claimForCleanup(userId, photoId, PhotoRecord.UPLOADING, deadline))
                    .flatMap(claimed -> claimed
                            ? store.deleteAll(new PhotoKey(userId, photoId).prefix())
                                    .then(photos.delete(userId, photoId))
                                    .then(TraceScope.run(() -> log.info("upload undone [userId={}, photoId={}, cause={}]", userId,
                                            photoId, why)))
                            : Mono.empty())
                    .onErrorResume(e -> TraceScope.run(() -> log.warn("could not undo an upload; the sweeper will [userId={}, photoId={}]",
                            userId, photoId, e)));
        }
    }
}
