package com.cloudalbum.localstack.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import com.cloudalbum.localstack.RunningStackAccess;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class ProvisionerIntegrationTest {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    @Test
    void provision_whenEverythingExists_changesNothing() throws Exception {
        RunningStackAccess.ensure();

        List<String> changes = RunningStackAccess.ensure().provision();

        assertThat(changes).isEmpty();
    }

    @Test
    void provision_createsTablesWithKeysAndEmailIndex() throws Exception {
        RunningStackAccess.ensure();
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(URI.create("http://localhost:8000"))
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build()) {
            TableDescription user = dynamo.describeTable(r -> r.tableName("User")).table();
            TableDescription photo = dynamo.describeTable(r -> r.tableName("Photo")).table();

            assertThat(user.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString()).containsExactly("id:HASH");
            assertThat(user.globalSecondaryIndexes()).singleElement()
                    .satisfies(i -> assertThat(i.indexName()).isEqualTo("user-email-index"))
                    .satisfies(i -> assertThat(i.keySchema().get(0).attributeName()).isEqualTo("email"));
            assertThat(photo.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                    .containsExactly("user_id:HASH", "id:RANGE");
            assertThat(photo.globalSecondaryIndexes())
                    .extracting(i -> i.indexName() + ":" + i.keySchema().stream().map(k -> k.attributeName()).toList())
                    .containsExactlyInAnyOrder("photo-geo-index:[geo_user_id, id]", "photo-pending-index:[pending, deadline]",
                            "photo-taken-index:[user_id, taken_sort]");
        }
    }

    @Test
    void thumbnailQueue_afterFiveReceives_movesMessageToDeadLetterQueue() throws Exception {
        RunningStackAccess.ensure();
        try (SqsClient sqs = SqsClient.builder().endpointOverride(URI.create("http://localhost:9324"))
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build()) {
            StackDefinition.Queue queue = StackDefinition.CLOUDALBUM.thumbnailQueue();
            String url = sqs.getQueueUrl(r -> r.queueName(queue.name())).queueUrl();
            String dlqUrl = sqs.getQueueUrl(r -> r.queueName(queue.deadLetterName())).queueUrl();
            sqs.purgeQueue(r -> r.queueUrl(url));
            sqs.purgeQueue(r -> r.queueUrl(dlqUrl));
            assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                    .attributes().get(QueueAttributeName.REDRIVE_POLICY)).containsPattern("\"maxReceiveCount\":\"?5\"?");
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("poison"));

            int receives = 0;
            for (int attempt = 0; attempt < 10; attempt++) {
                List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(1).waitTimeSeconds(3)).messages();
                receives += got.size();
                if (got.isEmpty()) {
                    break;
                }
            }

            assertThat(receives).isEqualTo(queue.maxReceiveCount());
            List<Message> dead = sqs.receiveMessage(r -> r.queueUrl(dlqUrl).waitTimeSeconds(2)).messages();
            assertThat(dead).extracting(Message::body).containsExactly("poison");
            sqs.purgeQueue(r -> r.queueUrl(dlqUrl));
        }
    }
}
