package com.cloudalbum.photo.catalog;

import static com.cloudalbum.photo.catalog.PhotoItems.n;
import static com.cloudalbum.photo.catalog.PhotoItems.s;
import static com.cloudalbum.photo.catalog.PhotoItems.str;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.cloudalbum.common.tracing.TraceScope;
import com.cloudalbum.contract.photo.PhotoAttributes;
import com.cloudalbum.contract.photo.PhotoStatus;
import com.cloudalbum.photo.config.PhotoProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The Photo table through the low-level async client ({@link PhotoItems} maps records to items). It stays one class
 * over 300 lines because it is the one adapter behind {@link PhotoRepository}: each method is one conditional write or
 * query on the same table and indexes, and splitting them would only spread the table's invariants over files.
 */
@Repository
class DynamoPhotoRepository implements PhotoRepository {

    /** The pending index has one hash value: unfinished photos are few at any time (uploads in flight, deletes). */
    static final String PENDING_SHARD = "pending";
    private static final Duration DELETE_GRACE = Duration.ofMinutes(10);
    private static final String STATUS = PhotoAttributes.STATUS;
    private static final String PENDING = PhotoAttributes.PENDING;
    private static final String DEADLINE = PhotoAttributes.DEADLINE;
    private static final String REDRIVES = PhotoAttributes.REDRIVES;

    private final DynamoDbAsyncClient dynamo;
    private final String table;
    private final String geoIndex;
    private final String pendingIndex;
    private final Clock clock;

    DynamoPhotoRepository(DynamoDbAsyncClient dynamo, PhotoProperties properties, Clock clock) {
        this.dynamo = dynamo;
        this.table = properties.table();
        this.geoIndex = properties.geoIndex();
        this.pendingIndex = properties.pendingIndex();
        this.clock = clock;
    }

    @Override
    public Mono<PhotoRecord> create(PhotoRecord photo) {
        return TraceScope.future(() -> dynamo.putItem(r -> r.tableName(table)
                        .item(PhotoItems.toItem(photo))
                        .conditionExpression("attribute_not_exists(id)")))
                .thenReturn(photo);
    }

    @Override
    public Mono<PhotoRecord> createUploading(PhotoRecord photo, Instant deadline) {
        Map<String, AttributeValue> item = PhotoItems.toItem(photo.withStatus(PhotoRecord.UPLOADING));
        markPending(item, deadline);
        return TraceScope.future(() -> dynamo.putItem(r -> r.tableName(table)
                        .item(item)
                        .conditionExpression("attribute_not_exists(id)")))
                .thenReturn(photo);
    }

    @Override
    public Mono<PhotoRecord> completeUpload(PhotoRecord photo, Instant deadline) {
        Map<String, AttributeValue> item = PhotoItems.toItem(photo);
        markPending(item, deadline);
        return TraceScope.future(() -> dynamo.putItem(r -> r.tableName(table)
                        .item(item)
                        .conditionExpression("#s = :uploading")
                        .expressionAttributeNames(Map.of("#s", STATUS))
                        .expressionAttributeValues(Map.of(":uploading", s(PhotoRecord.UPLOADING)))))
                .thenReturn(photo)
                .onErrorMap(ConditionalCheckFailedException.class, e -> new UploadNoLongerPendingException(photo.userId(), photo.id()));
    }

    @Override
    public Mono<Boolean> claimForCleanup(String userId, String id, String expectedStatus, Instant deadline) {
        return TraceScope.future(() -> dynamo.updateItem(r -> r.tableName(table)
                        .key(key(userId, id))
                        .updateExpression("SET #s = :deleting, #p = :p, #d = :deadline")
                        .conditionExpression("#s = :expected")
                        .expressionAttributeNames(Map.of("#s", STATUS, "#p", PENDING, "#d", DEADLINE))
                        .expressionAttributeValues(Map.of(":deleting", s(PhotoRecord.DELETING), ":expected", s(expectedStatus),
                                ":p", s(PENDING_SHARD), ":deadline", deadline(deadline)))))
                .thenReturn(true)
                .onErrorResume(ConditionalCheckFailedException.class, e -> Mono.just(false));
    }

    @Override
    public Flux<Pending> pastDeadline(Instant now, int limit) {
        return TraceScope.future(() -> dynamo.query(r -> r.tableName(table)
                        .indexName(pendingIndex)
                        .keyConditionExpression("#p = :p AND #d < :now")
                        .expressionAttributeNames(Map.of("#p", PENDING, "#d", DEADLINE))
                        .expressionAttributeValues(Map.of(":p", s(PENDING_SHARD), ":now", deadline(now)))
                        .limit(limit)))
                .flatMapIterable(response -> response.items())
                .map(item -> new Pending(item.get(PhotoAttributes.USER_ID).s(), item.get(PhotoAttributes.ID).s(),
                        item.get(STATUS).s(), Instant.ofEpochMilli(Long.parseLong(item.get(DEADLINE).s())),
                        item.containsKey(REDRIVES) ? Integer.parseInt(item.get(REDRIVES).n()) : 0,
                        str(item, PhotoAttributes.ORIGINAL_KEY)));
    }

    @Override
    public Mono<Boolean> markRedriven(Pending photo, Instant deadline) {
        return TraceScope.future(() -> dynamo.updateItem(r -> r.tableName(table)
                        .key(key(photo.userId(), photo.id()))
                        .updateExpression("SET #d = :deadline, #r = :redrives")
                        .conditionExpression("#s = :processing AND #d = :old")
                        .expressionAttributeNames(Map.of("#s", STATUS, "#d", DEADLINE, "#r", REDRIVES))
                        .expressionAttributeValues(Map.of(":processing", s(PhotoRecord.PROCESSING),
                                ":deadline", deadline(deadline), ":old", deadline(photo.deadline()),
                                ":redrives", n(photo.redrives() + 1)))))
                .thenReturn(true)
                .onErrorResume(ConditionalCheckFailedException.class, e -> Mono.just(false));
    }

    @Override
    public Mono<Boolean> markFailed(Pending photo, String reason, Instant at) {
        return TraceScope.future(() -> dynamo.updateItem(r -> r.tableName(table)
                        .key(key(photo.userId(), photo.id()))
                        .updateExpression("SET #s = :failed, failure_reason = :reason, processed_at = :at REMOVE #p, #d")
                        .conditionExpression("#s = :processing")
                        .expressionAttributeNames(Map.of("#s", STATUS, "#p", PENDING, "#d", DEADLINE))
                        .expressionAttributeValues(Map.of(":failed", s(PhotoRecord.FAILED), ":processing", s(PhotoRecord.PROCESSING),
                                ":reason", s(reason), ":at", s(at.toString())))))
                .thenReturn(true)
                .onErrorResume(ConditionalCheckFailedException.class, e -> Mono.just(false));
    }

    @Override
    public Mono<Void> clearPending(Pending photo) {
        return TraceScope.future(() -> dynamo.updateItem(r -> r.tableName(table)
                        .key(key(photo.userId(), photo.id()))
                        .updateExpression("REMOVE #p, #d")
                        .conditionExpression("#s = :status")
                        .expressionAttributeNames(Map.of("#s", STATUS, "#p", PENDING, "#d", DEADLINE))
                        .expressionAttributeValues(Map.of(":status", s(photo.status())))))
                .then()
                .onErrorResume(ConditionalCheckFailedException.class, e -> Mono.empty());
    }

    @Override
    public Mono<Boolean> exists(String userId, String id) {
        return TraceScope.future(() -> dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(key(userId, id))
                        .projectionExpression("#s").expressionAttributeNames(Map.of("#s", STATUS))))
                .map(response -> response.hasItem() && !response.item().isEmpty());
    }

    private static Map<String, AttributeValue> key(String userId, String id) {
        return Map.of(PhotoAttributes.USER_ID, s(userId), PhotoAttributes.ID, s(id));
    }

    /** Epoch milliseconds, zero-padded so that the index's string order is time order. */
    static AttributeValue deadline(Instant at) {
        return s(String.format("%015d", at.toEpochMilli()));
    }

    /** Puts the item in the sparse index the sweeper reads, due at {@code deadline}. */
    private static void markPending(Map<String, AttributeValue> item, Instant deadline) {
        item.put(PENDING, s(PENDING_SHARD));
        item.put(DEADLINE, deadline(deadline));
    }

    @Override
    public Mono<PhotoRecord> find(String userId, String id) {
        return TraceScope.future(() -> dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                        .key(Map.of("user_id", s(userId), "id", s(id)))))
                .filter(response -> response.hasItem() && !response.item().isEmpty())
                .map(response -> PhotoItems.fromItem(response.item()));
    }

    @Override
    public Mono<PhotoRecord> markDeleting(String userId, String id) {
        return TraceScope.future(() -> dynamo.updateItem(r -> r.tableName(table)
                        .key(Map.of("user_id", s(userId), "id", s(id)))
                        .updateExpression("SET #s = :deleting, updated_at = :now, #p = :p, #d = :deadline")
                        .conditionExpression("attribute_exists(id) AND #s <> :uploading")
                        .expressionAttributeNames(Map.of("#s", STATUS, "#p", PENDING, "#d", DEADLINE))
                        .expressionAttributeValues(Map.of(":deleting", s(PhotoRecord.DELETING), ":uploading", s(PhotoRecord.UPLOADING),
                                ":now", s(clock.instant().toString()), ":p", s(PENDING_SHARD),
                                // a delete that dies half-way is finished by the sweeper after this
                                ":deadline", deadline(clock.instant().plus(DELETE_GRACE))))
                        .returnValues(ReturnValue.ALL_NEW)))
                .map(response -> PhotoItems.fromItem(response.attributes()))
                .onErrorResume(ConditionalCheckFailedException.class, e -> Mono.empty());
    }

    @Override
    public Mono<Void> delete(String userId, String id) {
        return TraceScope.future(() -> dynamo.deleteItem(r -> r.tableName(table).key(Map.of("user_id", s(userId), "id", s(id)))))
                .then();
    }

    @Override
    public Mono<PhotoRecord> replaceDetails(PhotoRecord changed, Instant expectedUpdatedAt) {
        // only the details: renditions and status belong to thumbnail-service and stay as they are
        return replace(changed, expectedUpdatedAt, List.of("tags", "description", "lat", "lng", "address", "city",
                "country", "location_source", "geo_user_id", "search_text", "updated_at"));
    }

    @Override
    public Mono<PhotoRecord> replaceCapture(PhotoRecord changed, Instant expectedUpdatedAt) {
        // taken_sort too: the album by date taken moves the photo to its date taken
        return replace(changed, expectedUpdatedAt, List.of("taken_at", PhotoAttributes.TAKEN_SORT, "taken_at_offset", "taken_at_local", "make",
                "model", "orientation", "lat", "lng", "address", "city", "country", "location_source", "geo_user_id",
                "search_text", "updated_at"));
    }

    /** Sets {@code names} from {@code changed} (removing those it lacks) if the item is unchanged since. */
    private Mono<PhotoRecord> replace(PhotoRecord changed, Instant expectedUpdatedAt, List<String> names) {
        Map<String, AttributeValue> item = PhotoItems.toItem(changed);
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        for (String name : names) {
            if (item.containsKey(name)) {
                set.add(name + " = :" + name);
                values.put(":" + name, item.get(name));
            } else {
                remove.add(name);
            }
        }
        values.put(":expected", s(expectedUpdatedAt.toString()));
        values.put(":deleting", s(PhotoRecord.DELETING));
        String update = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        return TraceScope.future(() -> dynamo.updateItem(r -> r.tableName(table)
                        .key(Map.of("user_id", s(changed.userId()), "id", s(changed.id())))
                        .updateExpression(update)
                        .conditionExpression("updated_at = :expected AND #s <> :deleting")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(values)
                        .returnValues(ReturnValue.ALL_NEW)))
                .map(response -> PhotoItems.fromItem(response.attributes()))
                .onErrorResume(ConditionalCheckFailedException.class, e -> Mono.empty());
    }

    @Override
    public Mono<Page> search(String userId, String needle, int limit, int budget, @Nullable String afterId) {
        return searchFrom(userId, needle, limit, budget, afterId, List.of());
    }

    /** Pages through the partition with a filter until {@code limit} matches or the budget is spent. */
    private Mono<Page> searchFrom(String userId, String needle, int limit, int budget, @Nullable String afterId,
                                  List<PhotoRecord> found) {
        return TraceScope.future(() -> dynamo.query(r -> {
                    r.tableName(table)
                            .keyConditionExpression("user_id = :u")
                            .filterExpression("contains(search_text, :q) AND #s IN (:processing, :ready, :failed)")
                            .expressionAttributeNames(Map.of("#s", STATUS))
                            .expressionAttributeValues(Map.of(":u", s(userId), ":q", s(needle),
                                    ":processing", s(PhotoRecord.PROCESSING), ":ready", s(PhotoRecord.READY),
                                    ":failed", s(PhotoRecord.FAILED)))
                            .scanIndexForward(false)
                            .limit(Math.min(budget, 100));
                    if (afterId != null) {
                        r.exclusiveStartKey(Map.of("user_id", s(userId), "id", s(afterId)));
                    }
                }))
                .flatMap(response -> {
                    List<PhotoRecord> all = new ArrayList<>(found);
                    String last = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                            ? response.lastEvaluatedKey().get("id").s() : null;
                    for (Map<String, AttributeValue> item : response.items()) {
                        all.add(PhotoItems.fromItem(item));
                        if (all.size() == limit) {
                            return Mono.just(new Page(all, item.get("id").s()));
                        }
                    }
                    int left = budget - response.scannedCount();
                    return last == null || left <= 0
                            ? Mono.just(new Page(all, last))
                            : searchFrom(userId, needle, limit, left, last, all);
                });
    }

    /** Reads the sparse geo index: only geotagged items carry {@code geo_user_id}, so nothing else is read. */
    @Override
    public Mono<List<GeoPhoto>> geotagged(String userId, int limit) {
        return TraceScope.future(() -> dynamo.query(r -> r.tableName(table)
                        .indexName(geoIndex)
                        .keyConditionExpression("geo_user_id = :u")
                        .expressionAttributeValues(Map.of(":u", s(userId)))
                        .scanIndexForward(false)
                        .limit(limit)))
                .map(response -> response.items().stream()
                        .filter(item -> PhotoStatus.valueOf(item.get(STATUS).s()).visible())
                        .map(item -> new GeoPhoto(item.get("id").s(), Double.parseDouble(item.get("lat").n()),
                                Double.parseDouble(item.get("lng").n()),
                                str(item, "taken_at") == null ? null : Instant.parse(str(item, "taken_at")),
                                str(item, "taken_at_local"), str(item, "description"), item.get("file_name").s(),
                                str(item, "thumbnail_key")))
                        .toList());
    }

    @Override
    public Mono<Page> page(String userId, int limit, @Nullable String afterId) {
        return TraceScope.future(() -> dynamo.query(r -> {
                    r.tableName(table)
                            .keyConditionExpression("user_id = :u")
                            .expressionAttributeValues(Map.of(":u", s(userId)))
                            .scanIndexForward(false) // ULIDs sort by time: newest first
                            .limit(limit);
                    if (afterId != null) {
                        r.exclusiveStartKey(Map.of("user_id", s(userId), "id", s(afterId)));
                    }
                }))
                .map(response -> new Page(response.items().stream().map(PhotoItems::fromItem).toList(),
                        response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                                ? response.lastEvaluatedKey().get("id").s() : null));
    }

    /** The owner's photos by date taken, newest first; photos without one by upload time among them. */
    @Override
    public Mono<Page> pageByTaken(String userId, int limit, @Nullable String afterSort) {
        return TraceScope.future(() -> dynamo.query(r -> {
                    r.tableName(table)
                            .indexName(PhotoAttributes.TAKEN_INDEX)
                            .keyConditionExpression("user_id = :u")
                            .expressionAttributeValues(Map.of(":u", s(userId)))
                            .scanIndexForward(false)
                            .limit(limit);
                    if (afterSort != null) {
                        r.exclusiveStartKey(Map.of("user_id", s(userId), PhotoAttributes.TAKEN_SORT, s(afterSort),
                                "id", s(afterSort.substring(afterSort.lastIndexOf('#') + 1))));
                    }
                }))
                .map(response -> new Page(response.items().stream().map(PhotoItems::fromItem).toList(),
                        response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                                ? response.lastEvaluatedKey().get(PhotoAttributes.TAKEN_SORT).s() : null));
    }
}
