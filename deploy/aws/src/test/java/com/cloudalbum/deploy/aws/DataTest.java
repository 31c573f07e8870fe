package com.cloudalbum.deploy.aws;

import static com.cloudalbum.deploy.aws.SynthesizedStack.cast;
import static com.cloudalbum.deploy.aws.SynthesizedStack.map;
import static com.cloudalbum.deploy.aws.SynthesizedStack.props;
import static com.cloudalbum.deploy.aws.SynthesizedStack.refs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** Tables, bucket and queues as the local stack defines them, plus what only AWS has: PITR, lifecycle, alarms. */
class DataTest {

    private final SynthesizedStack stack = SynthesizedStack.defaults();

    @Test
    void tables_areOnDemand_withPointInTimeRecovery_andRetained() {
        stack.template.resourceCountIs("AWS::DynamoDB::Table", 2);
        assertThat(stack.ofType("AWS::DynamoDB::Table").values()).allSatisfy(table -> {
            assertThat(props(table))
                    .containsEntry("BillingMode", "PAY_PER_REQUEST")
                    .containsEntry("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))
                    .containsEntry("DeletionProtectionEnabled", true);
            assertThat(table).containsEntry("DeletionPolicy", "Retain");
        });
    }

    @Test
    void userTable_isKeyedById_withTheEmailIndex() {
        stack.template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "id", "KeyType", "HASH")),
                "GlobalSecondaryIndexes", List.of(Match.objectLike(Map.of(
                        "IndexName", "user-email-index",
                        "KeySchema", List.of(Map.of("AttributeName", "email", "KeyType", "HASH")),
                        "Projection", Map.of("ProjectionType", "ALL"))))));
    }

    @Test
    void photoTable_isKeyedByUserAndId_withTheGeoPendingAndTakenIndexes() {
        stack.template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(
                        Map.of("AttributeName", "user_id", "KeyType", "HASH"),
                        Map.of("AttributeName", "id", "KeyType", "RANGE")),
                "GlobalSecondaryIndexes", List.of(
                        Match.objectLike(Map.of(
                                "IndexName", "photo-geo-index",
                                "KeySchema", List.of(
                                        Map.of("AttributeName", "geo_user_id", "KeyType", "HASH"),
                                        Map.of("AttributeName", "id", "KeyType", "RANGE")))),
                        // photo-service's sweeper: unfinished photos by deadline
                        Match.objectLike(Map.of(
                                "IndexName", "photo-pending-index",
                                "KeySchema", List.of(
                                        Map.of("AttributeName", "pending", "KeyType", "HASH"),
                                        Map.of("AttributeName", "deadline", "KeyType", "RANGE")))),
                        // the album by date taken
                        Match.objectLike(Map.of(
                                "IndexName", "photo-taken-index",
                                "KeySchema", List.of(
                                        Map.of("AttributeName", "user_id", "KeyType", "HASH"),
                                        Map.of("AttributeName", "taken_sort", "KeyType", "RANGE")))))));
    }

    @Test
    void photoBucket_blocksPublicAccess_isEncrypted_andRetained() {
        stack.template.hasResource("AWS::S3::Bucket", Map.of(
                "DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "PublicAccessBlockConfiguration", Map.of(
                                "BlockPublicAcls", true, "BlockPublicPolicy", true,
                                "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                        "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                                "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256"))))))));
    }

    @Test
    void photoBucket_abortsIncompleteMultipartUploads() {
        stack.template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Status", "Enabled",
                        "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1))))))));
    }

    @Test
    void photoBucket_notifiesTheThumbnailQueue_ofCreatedOriginalsOnly() {
        Map<String, Object> notifications = cast(stack.props(stack.onlyId("Custom::S3BucketNotifications", p -> true))
                .get("NotificationConfiguration"));

        assertThat(notifications).containsOnlyKeys("QueueConfigurations");
        assertThat(SynthesizedStack.<List<Map<String, Object>>>cast(notifications.get("QueueConfigurations"))).singleElement()
                .satisfies(queue -> {
                    assertThat(queue.get("Events")).isEqualTo(List.of("s3:ObjectCreated:*"));
                    assertThat(SynthesizedStack.<List<Object>>cast(map(map(queue.get("Filter")).get("Key")).get("FilterRules")))
                            .containsExactlyInAnyOrder(
                                    Map.of("Name", "prefix", "Value", "photos/"),
                                    Map.of("Name", "suffix", "Value", "/original"));
                    assertThat(refs(queue.get("QueueArn"))).containsExactly(thumbnailQueue());
                });
    }

    @Test
    void thumbnailQueue_movesAMessageToItsDeadLetterQueue_afterFiveReceives() {
        Map<String, Object> queue = stack.props(thumbnailQueue());
        Map<String, Object> redrive = cast(queue.get("RedrivePolicy"));

        assertThat(queue).containsEntry("VisibilityTimeout", 60).containsEntry("SqsManagedSseEnabled", true);
        assertThat(redrive).containsEntry("maxReceiveCount", 5);
        assertThat(refs(redrive.get("deadLetterTargetArn"))).containsExactly(deadLetterQueue());
    }

    @Test
    void deadLetterQueue_raisesAnAlarm_assoonAsAMessageIsVisible() {
        String alarm = stack.onlyId("AWS::CloudWatch::Alarm", p -> refs(p.get("Dimensions")).contains(deadLetterQueue()));

        assertThat(stack.props(alarm))
                .containsEntry("Namespace", "AWS/SQS")
                .containsEntry("MetricName", "ApproximateNumberOfMessagesVisible")
                .containsEntry("ComparisonOperator", "GreaterThanThreshold")
                .containsEntry("Threshold", 0)
                .containsEntry("EvaluationPeriods", 1);
        assertThat(refs(stack.props(alarm).get("AlarmActions")))
                .singleElement()
                .satisfies(topic -> assertThat(stack.resources.get(topic).get("Type")).isEqualTo("AWS::SNS::Topic"));
    }

    @Test
    void alarms_watchThumbnailLagAndServerErrors() {
        assertThat(stack.ofType("AWS::CloudWatch::Alarm").values())
                .extracting(alarm -> stack.props(alarm).get("MetricName"))
                .containsExactlyInAnyOrder("ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage",
                        "HTTPCode_Target_5XX_Count", "HTTPCode_ELB_5XX_Count");
    }

    private String thumbnailQueue() {
        return stack.onlyId("AWS::SQS::Queue", p -> p.containsKey("RedrivePolicy"));
    }

    private String deadLetterQueue() {
        return stack.onlyId("AWS::SQS::Queue", p -> !p.containsKey("RedrivePolicy"));
    }
}
