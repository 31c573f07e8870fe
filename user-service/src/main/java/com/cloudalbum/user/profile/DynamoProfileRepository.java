package com.cloudalbum.user.profile;

import com.cloudalbum.user.config.UserProperties;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

@Repository
class DynamoProfileRepository implements ProfileRepository {

    private static final TableSchema<ProfileItem> SCHEMA = TableSchema.fromBean(ProfileItem.class);

    private final DynamoDbAsyncTable<ProfileItem> table;
    private final DynamoDbAsyncIndex<ProfileItem> byEmail;

    DynamoProfileRepository(DynamoDbEnhancedAsyncClient dynamo, UserProperties properties) {
        this.table = dynamo.table(properties.table(), SCHEMA);
        this.byEmail = table.index(properties.emailIndex());
    }

    @Override
    public Mono<Profile> create(Profile profile) {
        return Mono.fromFuture(() -> table.putItem(r -> r
                        .item(ProfileItem.from(profile))
                        .conditionExpression(Expression.builder().expression("attribute_not_exists(id)").build())))
                .thenReturn(profile)
                .onErrorMap(ConditionalCheckFailedException.class, e -> new ProfileExistsException(profile.id(), e));
    }

    @Override
    public Mono<Profile> find(String id) {
        return Mono.fromFuture(() -> table.getItem(Key.builder().partitionValue(id).build()))
                .map(ProfileItem::toProfile);
    }

    @Override
    public Mono<Profile> findByEmail(String email) {
        return Flux.from(byEmail.query(QueryConditional.keyEqualTo(k -> k.partitionValue(email))))
                .flatMapIterable(page -> page.items())
                .next()
                .map(ProfileItem::toProfile);
    }
}
