package com.cloudalbum.photo.catalog;

import java.time.Instant;

/** The Photo item's core: hash key {@code user_id}, range key {@code id}. */
public record PhotoRecord(String userId, String id, String objectKey, String status, Instant createdAt) {
}
