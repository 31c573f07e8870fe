package com.cloudalbum.deploy.aws;

import static com.cloudalbum.deploy.aws.SynthesizedStack.map;
import static com.cloudalbum.deploy.aws.SynthesizedStack.props;
import static com.cloudalbum.deploy.aws.SynthesizedStack.refs;
import static com.cloudalbum.deploy.aws.SynthesizedStack.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * Least privilege: each task role is granted exactly the calls its code makes, on the named
 * resources. X-Ray (the collector) and ECR's token have no resource-level permissions, so "*" is
 * allowed for those actions and nothing else.
 */
class IamTest {

    static final Set<String> ACTIONS_WITHOUT_RESOURCES = Set.of(
            "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets",
            "ecr:GetAuthorizationToken");

    private final SynthesizedStack stack = SynthesizedStack.defaults();

    @Test
    void policies_grantNoWildcardActions() {
        assertThat(allStatements()).allSatisfy(statement ->
                assertThat(strings(statement.get("Action"))).allSatisfy(action -> assertThat(action).doesNotContain("*")));
    }

    @Test
    void policies_nameTheirResources_exceptForActionsThatHaveNone() {
        assertThat(allStatements())
                .filteredOn(statement -> strings(statement.get("Resource")).contains("*"))
                .allSatisfy(statement -> assertThat(ACTIONS_WITHOUT_RESOURCES).containsAll(strings(statement.get("Action"))));
    }

    @Test
    void roles_haveNoManagedOrInlinePolicies_exceptTheBucketNotificationsHandler() {
        assertThat(stack.ofType("AWS::IAM::Role").entrySet())
                .filteredOn(role -> props(role.getValue()).containsKey("ManagedPolicyArns") || props(role.getValue()).containsKey("Policies"))
                .allSatisfy(role -> assertThat(role.getKey()).startsWith("BucketNotificationsHandler"));
    }

    @Test
    void gateway_taskRole_allowsOnlyTheCollectorsXRayCalls() {
        assertThat(grants("gateway")).containsOnly(Map.entry("*", xray()));
    }

    @Test
    void userService_taskRole_allowsItsTableAndUserPoolAdminCalls() {
        assertThat(grants("user-service")).containsOnly(
                Map.entry("*", xray()),
                Map.entry(table("id"), Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem")),
                Map.entry(only("AWS::Cognito::UserPool"), Set.of("cognito-idp:AdminUpdateUserAttributes", "cognito-idp:AdminDeleteUser")));
    }

    @Test
    void photoService_taskRole_allowsPhotoObjectsAndThePhotoTable() {
        assertThat(grants("photo-service")).containsOnly(
                Map.entry("*", xray()),
                Map.entry(only("AWS::S3::Bucket") + "/photos/*",
                        Set.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload")),
                Map.entry(only("AWS::S3::Bucket"), Set.of("s3:ListBucket", "s3:ListBucketMultipartUploads")),
                Map.entry(table("user_id"), Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                        "dynamodb:DeleteItem", "dynamodb:Query")),
                Map.entry(table("user_id") + "/index/photo-geo-index", Set.of("dynamodb:Query")),
                Map.entry(table("user_id") + "/index/photo-pending-index", Set.of("dynamodb:Query")),
                Map.entry(table("user_id") + "/index/photo-taken-index", Set.of("dynamodb:Query")),
                Map.entry(stack.onlyId("AWS::SQS::Queue", p -> p.containsKey("RedrivePolicy")), Set.of("sqs:SendMessage", "sqs:GetQueueUrl")));
    }

    @Test
    void thumbnailService_taskRole_allowsItsQueuePhotoObjectsAndPhotoUpdates() {
        assertThat(grants("thumbnail-service")).containsOnly(
                Map.entry("*", xray()),
                Map.entry(stack.onlyId("AWS::SQS::Queue", p -> p.containsKey("RedrivePolicy")), Set.of(
                        "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
                        "sqs:GetQueueAttributes", "sqs:GetQueueUrl")),
                Map.entry(only("AWS::S3::Bucket") + "/photos/*", Set.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject")),
                Map.entry(only("AWS::S3::Bucket"), Set.of("s3:ListBucket")),
                Map.entry(table("user_id"), Set.of("dynamodb:GetItem", "dynamodb:UpdateItem")));
    }

    @Test
    void cursorSecret_isReadByPhotoServicesExecutionRoleOnly() {
        String secret = only("AWS::SecretsManager::Secret");

        assertThat(allStatements())
                .filteredOn(statement -> refs(statement.get("Resource")).contains(secret))
                .singleElement()
                .satisfies(statement -> assertThat(stack.statements("photo-service", "ExecutionRoleArn")).contains(statement));
    }

    /** Each task-role resource (a logical id, with the ARN suffix the statement adds) to the actions allowed on it. */
    private Map<String, Set<String>> grants(String service) {
        Map<String, Set<String>> grants = new TreeMap<>();
        for (Map<String, Object> statement : stack.statements(service, "TaskRoleArn")) {
            assertThat(statement).containsEntry("Effect", "Allow").doesNotContainKey("NotAction").doesNotContainKey("NotResource");
            Object resource = statement.get("Resource");
            String key = "*".equals(resource) ? "*" : String.join(",", refs(resource)) + suffix(resource);
            grants.computeIfAbsent(key, k -> new TreeSet<>()).addAll(strings(statement.get("Action")));
        }
        return grants;
    }

    /** The literal tail of an {@code Fn::Join}ed ARN, such as {@code /photos/*} or {@code /index/<name>}. */
    private static String suffix(Object resource) {
        if (resource instanceof Map<?, ?> map && map.get("Fn::Join") instanceof List<?> join) {
            List<?> parts = (List<?>) join.get(1);
            return parts.get(parts.size() - 1) instanceof String tail ? tail : "";
        }
        return "";
    }

    private List<Map<String, Object>> allStatements() {
        return stack.ofType("AWS::IAM::Policy").values().stream()
                .flatMap(policy -> SynthesizedStack.<List<Map<String, Object>>>cast(
                        map(props(policy).get("PolicyDocument")).get("Statement")).stream())
                .toList();
    }

    private String table(String hashKey) {
        return stack.onlyId("AWS::DynamoDB::Table", p -> String.valueOf(p.get("KeySchema")).contains("AttributeName=" + hashKey + ", KeyType=HASH"));
    }

    private String only(String type) {
        return stack.onlyId(type, p -> true);
    }

    private static Set<String> xray() {
        return new TreeSet<>(Collector.XRAY_ACTIONS);
    }
}
