package com.cloudalbum.user.profile;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;

/** The User table's item, mapped by the enhanced client; public only because the bean mapper needs it. */
@DynamoDbBean
public class ProfileItem {

    static final String EMAIL_INDEX = "user-email-index";

    private @Nullable String id;
    private @Nullable String email;
    private @Nullable String name;
    private @Nullable Instant createdAt;
    private @Nullable Instant updatedAt;

    static ProfileItem from(Profile profile) {
        ProfileItem item = new ProfileItem();
        item.id = profile.id();
        item.email = profile.email();
        item.name = profile.name();
        item.createdAt = profile.createdAt();
        item.updatedAt = profile.updatedAt();
        return item;
    }

    @SuppressWarnings("NullAway")
    Profile toProfile() {
        return new Profile(id, email, name, createdAt, updatedAt);
    }

    @DynamoDbPartitionKey
    public @Nullable String getId() {
        return id;
    }

    public void setId(@Nullable String id) {
        this.id = id;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = EMAIL_INDEX)
    public @Nullable String getEmail() {
        return email;
    }

    public void setEmail(@Nullable String email) {
        this.email = email;
    }

    public @Nullable String getName() {
        return name;
    }

    public void setName(@Nullable String name) {
        this.name = name;
    }

    public @Nullable Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(@Nullable Instant createdAt) {
        this.createdAt = createdAt;
    }

    public @Nullable Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(@Nullable Instant updatedAt) {
        this.updatedAt = updatedAt;
    }
}
