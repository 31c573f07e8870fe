package com.cloudalbum.localstack.provision;

import java.util.List;
import java.util.Optional;

/**
 * What the local stack provisions: the one definition that the run command, the tests and the
 * LocalStack provider all use. Names match the services' default configuration.
 */
public record StackDefinition(
        List<Table> tables,
        String photoBucket,
        Queue thumbnailQueue,
        UserPool userPool) {

    public static final StackDefinition CLOUDALBUM = new StackDefinition(
            List.of(
                    new Table("User", new Key("id", null),
                            List.of(new Index("user-email-index", new Key("email", null)))),
                    // sparse: only geotagged photos carry geo_user_id, so the map reads nothing else
                    new Table("Photo", new Key("user_id", "id"),
                            List.of(new Index("photo-geo-index", new Key("geo_user_id", "id")),
                                    // sparse: only unfinished photos (uploading, processing, deleting) carry pending
                                    new Index("photo-pending-index", new Key("pending", "deadline")),
                                    // the album by date taken: taken_sort is "<instant>#<id>", the upload time without a date taken
                                    new Index("photo-taken-index", new Key("user_id", "taken_sort"))))),
            "cloudalbum-photos",
            new Queue("cloudalbum-thumbnails", "cloudalbum-thumbnails-dlq", 5, 60, 20),
            new UserPool("local_cloudalbum", "cloudalbum", "cloudalbumlocalwebclient1", "cloudalbum-web"));

    /** Hash key and optional range key, both strings. */
    public record Key(String hash, String range) {
        public Optional<String> rangeKey() {
            return Optional.ofNullable(range);
        }
    }

    /** A global secondary index projecting all attributes. */
    public record Index(String name, Key key) {
    }

    public record Table(String name, Key key, List<Index> indexes) {
    }

    /** A queue with its dead-letter queue: messages move there after {@code maxReceiveCount} receives. */
    public record Queue(String name, String deadLetterName, int maxReceiveCount,
                        int visibilityTimeoutSeconds, int receiveWaitSeconds) {
    }

    /** Fixed ids so the services' defaults work without discovery; cognito-local is seeded with them. */
    public record UserPool(String id, String name, String clientId, String clientName) {
    }
}
