package com.cloudalbum.localstack.provision;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Creates what {@link StackDefinition} names where it is missing and leaves what exists alone, so a
 * second run against running emulators changes nothing. Plain blocking SDK clients: this runs once
 * at start-up in a dev tool, never on a request path.
 */
public final class Provisioner implements AutoCloseable {

    /** Endpoints to provision; a null endpoint skips that service. */
    public record Endpoints(URI dynamoDb, URI s3, URI sqs, URI cognito, String region) {
    }

    private final StackDefinition definition;
    private final Endpoints endpoints;
    private final List<AutoCloseable> clients = new ArrayList<>();
    private final List<String> changes = new ArrayList<>();

    public Provisioner(StackDefinition definition, Endpoints endpoints) {
        this.definition = definition;
        this.endpoints = endpoints;
    }

    /** Provisions everything and returns what it changed (empty when all existed). */
    public List<String> provision() {
        if (endpoints.dynamoDb() != null) {
            DynamoDbClient dynamo = client(DynamoDbClient.builder(), endpoints.dynamoDb()).build();
            clients.add(dynamo);
            definition.tables().forEach(table -> ensureTable(dynamo, table));
        }
        if (endpoints.s3() != null) {
            S3Client s3 = client(S3Client.builder(), endpoints.s3()).forcePathStyle(true).build();
            clients.add(s3);
            ensureBucket(s3, definition.photoBucket());
        }
        if (endpoints.sqs() != null) {
            SqsClient sqs = client(SqsClient.builder(), endpoints.sqs()).build();
            clients.add(sqs);
            String queueArn = ensureQueues(sqs, definition.thumbnailQueue());
            if (endpoints.s3() != null && Boolean.getBoolean("localstack.s3.native-notifications")) {
                S3Client s3 = client(S3Client.builder(), endpoints.s3()).forcePathStyle(true).build();
                clients.add(s3);
                // an emulator with real notifications (LocalStack) gets the rule the S3 event hook plays locally
                s3.putBucketNotificationConfiguration(r -> r.bucket(definition.photoBucket())
                        .notificationConfiguration(n -> n.queueConfigurations(q -> q.queueArn(queueArn)
                                .events(Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED))));
            }
        }
        if (endpoints.cognito() != null) {
            CognitoIdentityProviderClient cognito = client(CognitoIdentityProviderClient.builder(), endpoints.cognito()).build();
            clients.add(cognito);
            checkUserPool(cognito, definition.userPool());
        }
        return List.copyOf(changes);
    }

    private <B extends AwsSyncClientBuilder<B, ?>
            & AwsClientBuilder<B, ?>> B client(B builder, URI endpoint) {
        return builder
                .endpointOverride(endpoint)
                .region(Region.of(endpoints.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD));
    }

    private void ensureTable(DynamoDbClient dynamo, StackDefinition.Table table) {
        try {
            TableDescription existing = dynamo.describeTable(r -> r.tableName(table.name())).table();
            ensureIndexes(dynamo, table, existing);
            return;
        } catch (ResourceNotFoundException missing) {
            // create below
        }
        List<AttributeDefinition> attributes = new ArrayList<>();
        addAttributes(attributes, table.key());
        table.indexes().forEach(index -> addAttributes(attributes, index.key()));
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(table.name())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes)
                .keySchema(keySchema(table.key()));
        if (!table.indexes().isEmpty()) {
            request.globalSecondaryIndexes(table.indexes().stream()
                    .map(index -> GlobalSecondaryIndex.builder()
                            .indexName(index.name())
                            .keySchema(keySchema(index.key()))
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                            .build())
                    .toList());
        }
        dynamo.createTable(request.build());
        dynamo.waiter().waitUntilTableExists(r -> r.tableName(table.name()));
        changes.add("created table " + table.name());
    }

    /**
     * A table made by an older definition (a stack started before an index was added) is left as it is, with a
     * warning: DynamoDB Local 2.6 accepts an UpdateTable that adds an index but never shows it (measured), and the
     * stack is in memory, so a restart recreates the table whole.
     */
    private void ensureIndexes(DynamoDbClient dynamo, StackDefinition.Table table, TableDescription existing) {
        List<String> present = existing.globalSecondaryIndexes().stream().map(GlobalSecondaryIndexDescription::indexName).toList();
        List<String> missing = table.indexes().stream().map(StackDefinition.Index::name).filter(name -> !present.contains(name)).toList();
        if (!missing.isEmpty()) {
            System.err.println("[local-stack] table " + table.name() + " lacks " + missing
                    + ": it was made by an older definition; restart the local stack to recreate it");
        }
    }

    private static void addAttributes(List<AttributeDefinition> attributes, StackDefinition.Key key) {
        addAttribute(attributes, key.hash());
        key.rangeKey().ifPresent(range -> addAttribute(attributes, range));
    }

    private static void addAttribute(List<AttributeDefinition> attributes, String name) {
        if (attributes.stream().noneMatch(a -> a.attributeName().equals(name))) {
            attributes.add(AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build());
        }
    }

    private static List<KeySchemaElement> keySchema(StackDefinition.Key key) {
        List<KeySchemaElement> schema = new ArrayList<>();
        schema.add(KeySchemaElement.builder().attributeName(key.hash()).keyType(KeyType.HASH).build());
        key.rangeKey().ifPresent(range ->
                schema.add(KeySchemaElement.builder().attributeName(range).keyType(KeyType.RANGE).build()));
        return schema;
    }

    private void ensureBucket(S3Client s3, String bucket) {
        try {
            s3.headBucket(r -> r.bucket(bucket));
            return;
        } catch (NoSuchBucketException missing) {
            // create below
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
        }
        s3.createBucket(r -> r.bucket(bucket));
        changes.add("created bucket " + bucket);
    }

    private String ensureQueues(SqsClient sqs, StackDefinition.Queue queue) {
        String dlqUrl = ensureQueue(sqs, queue.deadLetterName(), Map.of(
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600"));
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String url = ensureQueue(sqs, queue.name(), Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(queue.visibilityTimeoutSeconds()),
                QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, Integer.toString(queue.receiveWaitSeconds()),
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn
                        + "\",\"maxReceiveCount\":\"" + queue.maxReceiveCount() + "\"}"));
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private String ensureQueue(SqsClient sqs, String name, Map<QueueAttributeName, String> attributes) {
        try {
            return sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
        } catch (QueueDoesNotExistException missing) {
            String url = sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
            changes.add("created queue " + name);
            return url;
        }
    }

    /**
     * cognito-local cannot create a pool or client with a chosen id through its API, so the launcher
     * seeds them as files before it starts the emulator (see {@code CognitoLocal}); against an
     * emulator that is already running this only checks that they are there.
     */
    private static void checkUserPool(CognitoIdentityProviderClient cognito, StackDefinition.UserPool pool) {
        cognito.describeUserPool(r -> r.userPoolId(pool.id()));
        cognito.describeUserPoolClient(r -> r.userPoolId(pool.id()).clientId(pool.clientId()));
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
    }
}
