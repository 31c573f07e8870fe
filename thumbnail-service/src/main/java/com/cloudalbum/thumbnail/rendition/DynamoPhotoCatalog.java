package com.cloudalbum.thumbnail.rendition;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.cloudalbum.thumbnail.config.ThumbnailProperties;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The Photo table's processing attributes ({@code status}, {@code <name>_key|_width|_height|_bytes} per
 * rendition, {@code failure_reason}, {@code processed_at}); snake_case like photo-service's. It never touches
 * {@code updated_at}, which guards photo-service's edits, so an edit and a READY transition do not conflict.
 */
@Repository
class DynamoPhotoCatalog implements PhotoCatalog {

    private final DynamoDbAsyncClient dynamo;
    private final String table;

    DynamoPhotoCatalog(DynamoDbAsyncClient dynamo, ThumbnailProperties properties) {
        this.dynamo = dynamo;
        this.table = properties.table();
    }

    @Override
    public Mono<String> status(OriginalKey photo) {
        return Mono.fromFuture(() -> dynamo.getItem(r -> r.tableName(table)
                        .key(key(photo))
                        .consistentRead(true)
                        .projectionExpression("#s")
                        .expressionAttributeNames(Map.of("#s", "status"))))
                .filter(response -> response.hasItem() && response.item().containsKey("status"))
                .map(response -> response.item().get("status").s());
    }

    @Override
    public Mono<ReadyOutcome> markReady(OriginalKey photo, List<StoredRendition> renditions) {
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder("SET #s = :ready, processed_at = :now");
        for (StoredRendition rendition : renditions) {
            String name = rendition.name();
            set.append(", ").append(name).append("_key = :").append(name).append("_key")
                    .append(", ").append(name).append("_width = :").append(name).append("_width")
                    .append(", ").append(name).append("_height = :").append(name).append("_height")
                    .append(", ").append(name).append("_bytes = :").append(name).append("_bytes");
            values.put(":" + name + "_key", AttributeValue.fromS(rendition.key()));
            values.put(":" + name + "_width", number(rendition.width()));
            values.put(":" + name + "_height", number(rendition.height()));
            values.put(":" + name + "_bytes", number(rendition.bytes()));
        }
        values.put(":ready", AttributeValue.fromS(READY));
        values.put(":processing", AttributeValue.fromS(PROCESSING));
        values.put(":failed", AttributeValue.fromS(FAILED));
        values.put(":now", AttributeValue.fromS(Instant.now().toString()));
        String update = set + " REMOVE failure_reason";
        return Mono.fromFuture(() -> dynamo.updateItem(r -> r.tableName(table)
                        .key(key(photo))
                        .updateExpression(update)
                        .conditionExpression("attribute_exists(id) AND #s IN (:processing, :failed)")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(values)))
                .thenReturn(ReadyOutcome.MARKED)
                .onErrorResume(ConditionalCheckFailedException.class, e -> status(photo)
                        .map(status -> READY.equals(status) ? ReadyOutcome.ALREADY_READY : ReadyOutcome.GONE)
                        .defaultIfEmpty(ReadyOutcome.GONE));
    }

    @Override
    public Mono<Void> markFailed(OriginalKey photo, String reason) {
        return Mono.fromFuture(() -> dynamo.updateItem(r -> r.tableName(table)
                        .key(key(photo))
                        .updateExpression("SET #s = :failed, failure_reason = :reason, processed_at = :now")
                        .conditionExpression("attribute_exists(id) AND #s IN (:processing, :failed)")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":failed", AttributeValue.fromS(FAILED),
                                ":processing", AttributeValue.fromS(PROCESSING),
                                ":reason", AttributeValue.fromS(reason),
                                ":now", AttributeValue.fromS(Instant.now().toString())))))
                .then()
                .onErrorResume(ConditionalCheckFailedException.class, e -> Mono.empty());
    }

    private static Map<String, AttributeValue> key(OriginalKey photo) {
        return Map.of("user_id", AttributeValue.fromS(photo.userId()), "id", AttributeValue.fromS(photo.photoId()));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
