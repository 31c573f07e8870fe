package com.cloudalbum.user.profile;

import java.time.Clock;
import java.time.Instant;

import com.cloudalbum.user.config.UserProperties;
import com.cloudalbum.user.problem.UserProblems;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.IgnoreNullsMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Profiles live under their Cognito {@code sub}; an email claim is an item of its own under
 * {@code email#<email>} (it has no {@code email} attribute, so the email index never shows it).
 */
@Repository
class DynamoProfileRepository implements ProfileRepository {

    private static final TableSchema<ProfileItem> SCHEMA = TableSchema.fromBean(ProfileItem.class);
    private static final String CLAIM_PREFIX = "email#";
    private static final Expression ABSENT = Expression.builder().expression("attribute_not_exists(id)").build();
    private static final Expression PRESENT = Expression.builder().expression("attribute_exists(id)").build();

    private final DynamoDbAsyncTable<ProfileItem> table;
    private final Clock clock;

    DynamoProfileRepository(DynamoDbEnhancedAsyncClient dynamo, UserProperties properties, Clock clock) {
        this.table = dynamo.table(properties.table(), SCHEMA);
        this.clock = clock;
    }

    @Override
    public Mono<Profile> create(Profile profile) {
        return Mono.fromFuture(() -> table.putItem(r -> r.item(ProfileItem.from(profile)).conditionExpression(ABSENT)))
                .thenReturn(profile)
                .onErrorMap(ConditionalCheckFailedException.class, e -> new ProfileExistsException(profile.id(), e));
    }

    @Override
    public Mono<Profile> find(String id) {
        return Mono.fromFuture(() -> table.getItem(r -> r.key(Key.builder().partitionValue(id).build()).consistentRead(true)))
                .filter(item -> item.getEmail() != null)
                .map(ProfileItem::toProfile);
    }

    @Override
    public Mono<Profile> rename(String id, String name, Instant at) {
        ProfileItem change = new ProfileItem();
        change.setId(id);
        change.setName(name);
        change.setUpdatedAt(at);
        return Mono.fromFuture(() -> table.updateItem(r -> r.item(change)
                        .ignoreNullsMode(IgnoreNullsMode.SCALAR_ONLY)
                        .conditionExpression(PRESENT)))
                .map(ProfileItem::toProfile)
                .onErrorResume(ConditionalCheckFailedException.class, e -> Mono.empty());
    }

    @Override
    public Mono<Void> claimEmail(String email) {
        ProfileItem claim = new ProfileItem();
        claim.setId(CLAIM_PREFIX + email);
        claim.setCreatedAt(clock.instant());
        return Mono.fromFuture(() -> table.putItem(r -> r.item(claim).conditionExpression(ABSENT)))
                .onErrorMap(ConditionalCheckFailedException.class, e -> UserProblems.emailTaken());
    }

    @Override
    public Mono<Void> releaseEmail(String email) {
        return Mono.fromFuture(() -> table.deleteItem(Key.builder().partitionValue(CLAIM_PREFIX + email).build())).then();
    }
}
