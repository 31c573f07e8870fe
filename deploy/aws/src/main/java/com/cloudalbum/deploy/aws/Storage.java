package com.cloudalbum.deploy.aws;

import java.util.List;

import com.cloudalbum.contract.photo.PhotoAttributes;
import com.cloudalbum.contract.photo.PhotoKey;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.notifications.SqsDestination;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The data the services own, shaped like the local stack's {@code StackDefinition}: the User and
 * Photo tables with their indexes, the photo bucket, and the thumbnail queue with its dead-letter
 * queue. Tables and bucket are retained when the stack is deleted; names are generated and reach the
 * services as environment variables.
 */
final class Storage extends Construct {

    static final String USER_EMAIL_INDEX = "user-email-index";
    static final String PHOTO_GEO_INDEX = PhotoAttributes.GEO_INDEX;
    static final String PHOTO_TAKEN_INDEX = PhotoAttributes.TAKEN_INDEX;
    /** Where photo-service stores originals: {@code photos/{userId}/{photoId}/original}. */
    static final String PHOTO_PREFIX = PhotoKey.PREFIX;
    static final String ORIGINAL_SUFFIX = "/" + PhotoKey.ORIGINAL;
    /** As the local stack: a message that fails 5 receives moves to the dead-letter queue. */
    static final int MAX_RECEIVE_COUNT = 5;
    /** How long an overwritten or deleted object's previous version is kept. */
    static final int NONCURRENT_VERSION_DAYS = 30;

    final Table users;
    final Table photos;
    final Bucket bucket;
    final Queue thumbnailQueue;
    final Queue thumbnailDeadLetters;

    Storage(Construct scope, String id) {
        super(scope, id);

        users = table("UserTable", key("id"), null);
        users.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(USER_EMAIL_INDEX)
                .partitionKey(key("email"))
                .projectionType(ProjectionType.ALL)
                .build());

        photos = table("PhotoTable", key(PhotoAttributes.USER_ID), key(PhotoAttributes.ID));
        // sparse: only geotagged photos carry geo_user_id, so the map reads nothing else
        photos.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(PHOTO_GEO_INDEX)
                .partitionKey(key(PhotoAttributes.GEO_USER_ID))
                .sortKey(key(PhotoAttributes.ID))
                .projectionType(ProjectionType.ALL)
                .build());
        // sparse: only unfinished photos carry pending, so photo-service's sweeper reads only those, oldest deadline first
        photos.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(PhotoAttributes.PENDING_INDEX)
                .partitionKey(key(PhotoAttributes.PENDING))
                .sortKey(key(PhotoAttributes.DEADLINE))
                .projectionType(ProjectionType.ALL)
                .build());
        // the album by date taken: taken_sort is "<instant>#<id>", the upload time for a photo without a date taken
        photos.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(PHOTO_TAKEN_INDEX)
                .partitionKey(key(PhotoAttributes.USER_ID))
                .sortKey(key(PhotoAttributes.TAKEN_SORT))
                .projectionType(ProjectionType.ALL)
                .build());

        bucket = Bucket.Builder.create(this, "PhotoBucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                // an overwrite or delete by mistake (or by a bug) can be undone for NONCURRENT_VERSION_DAYS
                .versioned(true)
                .lifecycleRules(List.of(
                        // an upload aborted by a crash leaves parts that are billed but never listed
                        LifecycleRule.builder()
                                .id("abort-incomplete-multipart-uploads")
                                .enabled(true)
                                .abortIncompleteMultipartUploadAfter(Duration.days(1))
                                .build(),
                        // deleted photos' bytes are not kept (and billed) forever
                        LifecycleRule.builder()
                                .id("expire-old-versions")
                                .enabled(true)
                                .noncurrentVersionExpiration(Duration.days(NONCURRENT_VERSION_DAYS))
                                .expiredObjectDeleteMarker(true)
                                .build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        thumbnailDeadLetters = Queue.Builder.create(this, "ThumbnailDeadLetterQueue")
                .retentionPeriod(Duration.days(14))
                .encryption(QueueEncryption.SQS_MANAGED)
                // a queue policy denying any call not over TLS
                .enforceSsl(true)
                .build();
        thumbnailQueue = Queue.Builder.create(this, "ThumbnailQueue")
                .visibilityTimeout(Duration.seconds(60))
                .receiveMessageWaitTime(Duration.seconds(20))
                .retentionPeriod(Duration.days(4))
                // SQS-managed keys: S3 can deliver events without a KMS key policy
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .deadLetterQueue(DeadLetterQueue.builder().queue(thumbnailDeadLetters).maxReceiveCount(MAX_RECEIVE_COUNT).build())
                .build();

        // originals only: renditions are written under the same prefix and must not trigger more work
        bucket.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(thumbnailQueue),
                NotificationKeyFilter.builder().prefix(PHOTO_PREFIX).suffix(ORIGINAL_SUFFIX).build());
    }

    private Table table(String id, Attribute partitionKey, Attribute sortKey) {
        Table.Builder table = Table.Builder.create(this, id)
                .partitionKey(partitionKey)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .encryption(TableEncryption.AWS_MANAGED)
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN);
        if (sortKey != null) {
            table.sortKey(sortKey);
        }
        return table.build();
    }

    private static Attribute key(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    String photoGeoIndexArn() {
        return photos.getTableArn() + "/index/" + PHOTO_GEO_INDEX;
    }

    String photoPendingIndexArn() {
        return photos.getTableArn() + "/index/" + PhotoAttributes.PENDING_INDEX;
    }

    String photoTakenIndexArn() {
        return photos.getTableArn() + "/index/" + PHOTO_TAKEN_INDEX;
    }

    /** Objects under {@code photos/}: every key the services read or write. */
    String photoObjectsArn() {
        return bucket.arnForObjects(PHOTO_PREFIX + "*");
    }
}
