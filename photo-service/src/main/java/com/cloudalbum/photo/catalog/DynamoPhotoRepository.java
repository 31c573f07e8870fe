package com.cloudalbum.photo.catalog;

import java.time.Instant;
import java.util.Map;

import com.cloudalbum.photo.config.PhotoProperties;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Repository
class DynamoPhotoRepository implements PhotoRepository {

    private final DynamoDbAsyncClient dynamo;
    private final String table;

    DynamoPhotoRepository(DynamoDbAsyncClient dynamo, PhotoProperties properties) {
        this.dynamo = dynamo;
        this.table = properties.table();
    }

    @Override
    public Mono<PhotoRecord> save(PhotoRecord photo) {
        return Mono.fromFuture(() -> dynamo.putItem(r -> r.tableName(table).item(Map.of(
                        "user_id", s(photo.userId()),
                        "id", s(photo.id()),
                        "object_key", s(photo.objectKey()),
                        "status", s(photo.status()),
                        "created_at", s(photo.createdAt().toString())))))
                .thenReturn(photo);
    }

    @Override
    public Mono<PhotoRecord> find(String userId, String id) {
        return Mono.fromFuture(() -> dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                        .key(Map.of("user_id", s(userId), "id", s(id)))))
                .filter(response -> response.hasItem() && !response.item().isEmpty())
                .map(response -> {
                    Map<String, AttributeValue> item = response.item();
                    return new PhotoRecord(item.get("user_id").s(), item.get("id").s(), item.get("object_key").s(),
                            item.get("status").s(), Instant.parse(item.get("created_at").s()));
                });
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
