package com.cloudalbum.photo.upload;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.cloudalbum.common.aws.AwsProperties;
import com.cloudalbum.photo.catalog.PhotoRecord;
import com.cloudalbum.photo.catalog.PhotoRepository;
import com.cloudalbum.photo.config.PhotoProperties;
import com.cloudalbum.photo.problem.PhotoProblems;
import com.cloudalbum.photo.storage.PhotoObjectStore;
import com.cloudalbum.photo.storage.PhotoStorageException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Streams an upload into S3 as it arrives: the type is checked from the first bytes before anything
 * is stored, the size is counted as bytes pass (the S3 upload fails, and is aborted, the moment the
 * limit is crossed), and the first {@value #METADATA_PREFIX} bytes are kept for EXIF. The Photo item is
 * written only after the object is stored; if that fails, the object is deleted.
 *
 * <p>Memory per upload in flight, whatever the file's size: the metadata prefix (256 KiB), the S3
 * client's upload buffer ({@code album.aws.s3.upload-buffer-size}, 32 MiB by default) and the
 * multipart codec's current chunk. Uploads in flight are capped ({@link UploadSlots}) so that these buffers together
 * stay within half the heap; the rest wait, unread, for a slot.
 */
@Service
public class UploadService {

    static final int METADATA_PREFIX = 256 * 1024;
    private static final Logger log = LoggerFactory.getLogger(UploadService.class);

    private final PhotoObjectStore store;
    private final PhotoRepository photos;
    private final PhotoProperties properties;
    private final PhotoIds ids = new PhotoIds();
    private final MetadataReader metadata = new MetadataReader();
    /** EXIF parsing is CPU work: off the event loop, on a scheduler bounded to the cores. */
    private final Scheduler cpu = Schedulers.newBoundedElastic(Runtime.getRuntime().availableProcessors(), 1024, "photo-metadata");
    private final Clock clock = Clock.systemUTC();
    private final UploadSlots slots;

    UploadService(PhotoObjectStore store, PhotoRepository photos, PhotoProperties properties, AwsProperties aws) {
        this.store = store;
        this.photos = photos;
        this.properties = properties;
        this.slots = new UploadSlots(slotCount(properties.maxConcurrentUploads(), aws.s3().uploadBufferSize().toBytes(),
                Runtime.getRuntime().maxMemory()));
        log.info("at most {} uploads read at once, {} waits at most [maxHeap={} MB, s3UploadBuffer={}]", slots.capacity(),
                properties.uploadQueueTimeout(), Runtime.getRuntime().maxMemory() >> 20, aws.s3().uploadBufferSize());
    }

    /** Uploads in flight at most, so that their S3 buffers take at most half the heap; see {@link UploadSlots}. */
    static int slotCount(int configured, long uploadBufferBytes, long maxHeapBytes) {
        return configured > 0 ? configured : (int) Math.max(1, maxHeapBytes / 2 / (uploadBufferBytes + METADATA_PREFIX));
    }

    public Mono<PhotoRecord> upload(String userId, Flux<PartEvent> parts) {
        return slots.withSlot(properties.uploadQueueTimeout(), PhotoProblems::uploadsBusy, () -> store(userId, parts));
    }

    private Mono<PhotoRecord> store(String userId, Flux<PartEvent> parts) {
        return parts.windowUntil(PartEvent::isLast)
                .concatMap(part -> part.switchOnFirst((first, events) -> {
                    PartEvent event = first.get();
                    if (event instanceof FilePartEvent file && "file".equals(event.name())) {
                        return storeFile(userId, file.filename(), events.map(PartEvent::content));
                    }
                    if (event instanceof FormPartEvent form) {
                        return events.doOnNext(e -> DataBufferUtils.release(e.content()))
                                .then(Mono.just(new Field(form.name(), form.value())));
                    }
                    return events.doOnNext(e -> DataBufferUtils.release(e.content())).then(Mono.empty());
                }))
                .collect(Collected::new, Collected::add)
                .flatMap(collected -> finish(userId, collected));
    }

    private Mono<PhotoRecord> finish(String userId, Collected collected) {
        if (collected.files.size() != 1) {
            return Flux.fromIterable(collected.files)
                    .concatMap(file -> store.delete(file.key()))
                    .then(Mono.error(PhotoProblems.missingFile()));
        }
        StoredFile file = collected.files.get(0);
        return Mono.fromCallable(() -> UploadFields.parse(collected.fields))
                .zipWith(Mono.fromCallable(() -> metadata.read(file.prefix().bytes(), file.prefix().length())).subscribeOn(cpu))
                .flatMap(fieldsAndMetadata -> photos.create(record(userId, file, fieldsAndMetadata.getT1(), fieldsAndMetadata.getT2())))
                .doOnNext(photo -> log.info("photo stored [userId={}, photoId={}, bytes={}]", userId, photo.id(), photo.size()))
                // no object without its record: whatever failed after the upload, the object goes
                .onErrorResume(e -> store.delete(file.key())
                        .onErrorResume(cleanup -> {
                            log.error("orphan object left [key={}]", file.key(), cleanup);
                            return Mono.empty();
                        })
                        .then(Mono.error(e instanceof ErrorResponseException ? e : PhotoProblems.storageUnavailable())));
    }

    private PhotoRecord record(String userId, StoredFile file, UploadFields fields, PhotoMetadata exif) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        PhotoRecord.Place place = exif.hasLocation()
                ? new PhotoRecord.Place(exif.latitude(), exif.longitude(), null, null, null, "EXIF")
                : fields.hint();
        PhotoRecord.Capture capture = new PhotoRecord.Capture(exif.takenAt(), exif.takenAtOffset(),
                exif.takenAtLocal() == null ? null : exif.takenAtLocal().toString(), exif.make(), exif.model(),
                exif.width(), exif.height(), exif.orientation());
        return PhotoRecord.uploaded(userId, file.photoId(), file.key(), file.size(),
                file.type().contentType(), file.fileName(), fields.tags(), fields.description(), place, capture, now);
    }

    /** Type check on the head of the stream, then the whole stream to S3, counted and capped. */
    private Mono<StoredFile> storeFile(String userId, @Nullable String rawFileName, Flux<DataBuffer> content) {
        String photoId = ids.next();
        String key = "photos/" + userId + "/" + photoId + "/original";
        long max = properties.maxUploadSize().toBytes();
        PrefixCapture prefix = new PrefixCapture(METADATA_PREFIX);
        AtomicLong size = new AtomicLong();
        Flux<ByteBuffer> bytes = content
                .map(buffer -> {
                    byte[] chunk = new byte[buffer.readableByteCount()];
                    buffer.read(chunk);
                    DataBufferUtils.release(buffer);
                    if (size.addAndGet(chunk.length) > max) {
                        throw PhotoProblems.tooLarge(max);
                    }
                    prefix.offer(chunk);
                    return ByteBuffer.wrap(chunk);
                })
                .doOnDiscard(DataBuffer.class, DataBufferUtils::release);
        return Flux.defer(() -> {
                    long[] seen = {0};
                    // the head (at least PREFIX_BYTES) in one list, then one chunk a list
                    return bytes.bufferUntil(chunk -> seen[0] >= ImageType.PREFIX_BYTES
                            || (seen[0] += chunk.remaining()) >= ImageType.PREFIX_BYTES);
                })
                .switchOnFirst((first, chunks) -> {
                    if (first.hasError() || !first.hasValue()) {
                        return first.hasError() ? Flux.<StoredFile>error(first.getThrowable()) : Flux.error(PhotoProblems.missingFile());
                    }
                    Optional<ImageType> type = detect(first.get());
                    if (type.isEmpty()) {
                        return Flux.error(PhotoProblems.unsupportedType());
                    }
                    return store.put(key, type.get().contentType(), chunks.concatMapIterable(list -> list))
                            // the SDK wraps a failure of the body (too large) in its own exception
                            .onErrorMap(e -> problemIn(e) != null, UploadService::problemIn)
                            .onErrorMap(PhotoStorageException.class, e -> PhotoProblems.storageUnavailable())
                            .map(stored -> new StoredFile(photoId, key, type.get(), size.get(), sanitise(rawFileName, type.get()), prefix))
                            .flux();
                })
                .next();
    }

    private static @Nullable ErrorResponseException problemIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ErrorResponseException problem) {
                return problem;
            }
        }
        return null;
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

    private record Field(String name, String value) {
    }

    private record StoredFile(String photoId, String key, ImageType type, long size, String fileName, PrefixCapture prefix) {
    }

    /** What the parts added up to; filled by one pipeline, in order. */
    private static final class Collected {

        private final Map<String, String> fields = new HashMap<>();
        private final List<StoredFile> files = new java.util.ArrayList<>();

        void add(Object part) {
            if (part instanceof Field field) {
                fields.putIfAbsent(field.name(), field.value());
            } else if (part instanceof StoredFile file) {
                files.add(file);
            }
        }
    }
}
