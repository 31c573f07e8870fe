package com.cloudalbum.thumbnail.rendition;

import static com.cloudalbum.contract.photo.PhotoAttributes.DEADLINE;
import static com.cloudalbum.contract.photo.PhotoAttributes.FAILURE_REASON;
import static com.cloudalbum.contract.photo.PhotoAttributes.ID;
import static com.cloudalbum.contract.photo.PhotoAttributes.PENDING;
import static com.cloudalbum.contract.photo.PhotoAttributes.PROCESSED_AT;
import static com.cloudalbum.contract.photo.PhotoAttributes.STATUS;
import static com.cloudalbum.contract.photo.PhotoAttributes.USER_ID;
import static com.cloudalbum.contract.photo.PhotoAttributes.rendition;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.cloudalbum.contract.photo.FailureReason;
import com.cloudalbum.contract.photo.PhotoKey;
import com.cloudalbum.contract.photo.PhotoStatus;
import com.cloudalbum.thumbnail.config.ThumbnailProperties;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The Photo table's processing attributes (status, the rendition attributes, failure reason, processed-at; names
 * from {@link com.cloudalbum.contract.photo.PhotoAttributes}). It never touches {@code updated_at}, which guards
 * photo-service's edits, so an edit and a READY transition do not conflict. Every write is conditional on the
 * status, so a photo being deleted, or deleted, is never brought back. READY and FAILED are final for the
 * sweeper, so both also take the photo out of its pending index (pending, deadline).
 */
@Repository
class DynamoPhotoCatalog implements PhotoCatalog {

    private static final List<String> RENDITION_PARTS = List.of("key", "width", "height", "bytes");

    private final DynamoDbAsyncClient dynamo;
    private final String table;
    private final Clock clock;

    DynamoPhotoCatalog(DynamoDbAsyncClient dynamo, ThumbnailProperties properties, Clock clock) {
        this.dynamo = dynamo;
        this.table = properties.table();
        this.clock = clock;
    }

    @Override
    public Mono<PhotoStatus> status(PhotoKey photo) {
        return Mono.fromFuture(() -> dynamo.getItem(r -> r.tableName(table)
                        .key(key(photo))
                        .consistentRead(true)
                        .projectionExpression("#s")
                        .expressionAttributeNames(Map.of("#s", STATUS))))
                .filter(response -> response.hasItem() && response.item().containsKey(STATUS))
                .map(response -> PhotoStatus.valueOf(response.item().get(STATUS).s()));
    }

    @Override
    public Mono<ReadyOutcome> markReady(PhotoKey photo, List<StoredRendition> renditions) {
        Map<String, String> names = new HashMap<>(Map.of("#s", STATUS, "#processed", PROCESSED_AT,
                "#reason", FAILURE_REASON));
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder("SET #s = :ready, #processed = :now");
        for (StoredRendition stored : renditions) {
            Map<String, AttributeValue> parts = Map.of("key", AttributeValue.fromS(stored.key()),
                    "width", number(stored.width()), "height", number(stored.height()), "bytes", number(stored.bytes()));
            for (String part : RENDITION_PARTS) {
                String attribute = rendition(stored.name(), part);
                set.append(", #").append(attribute).append(" = :").append(attribute);
                names.put("#" + attribute, attribute);
                values.put(":" + attribute, parts.get(part));
            }
        }
        values.put(":ready", AttributeValue.fromS(PhotoStatus.READY.name()));
        values.put(":processing", AttributeValue.fromS(PhotoStatus.PROCESSING.name()));
        values.put(":failed", AttributeValue.fromS(PhotoStatus.FAILED.name()));
        values.put(":now", AttributeValue.fromS(clock.instant().toString()));
        String update = set + " REMOVE #reason, #pending, #deadline";
        return Mono.fromFuture(() -> dynamo.updateItem(r -> r.tableName(table)
                        .key(key(photo))
                        .updateExpression(update)
                        .conditionExpression("attribute_exists(#id) AND #s IN (:processing, :failed)")
                        .expressionAttributeNames(withIdAndPending(names))
                        .expressionAttributeValues(values)))
                .thenReturn(ReadyOutcome.MARKED)
                .onErrorResume(ConditionalCheckFailedException.class, e -> status(photo)
                        .map(status -> status == PhotoStatus.READY ? ReadyOutcome.ALREADY_READY : ReadyOutcome.GONE)
                        .defaultIfEmpty(ReadyOutcome.GONE));
    }

    @Override
    public Mono<Boolean> markFailed(PhotoKey photo, FailureReason reason, Set<PhotoStatus> from) {
        if (from.isEmpty()) {
            return Mono.just(false);
        }
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":failed", AttributeValue.fromS(PhotoStatus.FAILED.name()),
                ":reason", AttributeValue.fromS(reason.code()),
                ":now", AttributeValue.fromS(clock.instant().toString())));
        StringBuilder allowed = new StringBuilder();
        for (PhotoStatus status : from) {
            String placeholder = ":from_" + status.name().toLowerCase(Locale.ROOT);
            allowed.append(allowed.isEmpty() ? "" : ", ").append(placeholder);
            values.put(placeholder, AttributeValue.fromS(status.name()));
        }
        String condition = "attribute_exists(#id) AND #s IN (" + allowed + ")";
        return Mono.fromFuture(() -> dynamo.updateItem(r -> r.tableName(table)
                        .key(key(photo))
                        .updateExpression("SET #s = :failed, #reason = :reason, #processed = :now REMOVE #pending, #deadline")
                        .conditionExpression(condition)
                        .expressionAttributeNames(withIdAndPending(Map.of("#s", STATUS, "#reason", FAILURE_REASON,
                                "#processed", PROCESSED_AT)))
                        .expressionAttributeValues(values)))
                .thenReturn(true)
                .onErrorResume(ConditionalCheckFailedException.class, e -> Mono.just(false));
    }

    private static Map<String, String> withIdAndPending(Map<String, String> names) {
        Map<String, String> all = new HashMap<>(names);
        all.put("#id", ID);
        all.put("#pending", PENDING);
        all.put("#deadline", DEADLINE);
        return all;
    }

    private static Map<String, AttributeValue> key(PhotoKey photo) {
        return Map.of(USER_ID, AttributeValue.fromS(photo.userId()), ID, AttributeValue.fromS(photo.photoId()));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
