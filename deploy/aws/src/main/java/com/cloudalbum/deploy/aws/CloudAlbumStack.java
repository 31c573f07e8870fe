package com.cloudalbum.deploy.aws;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.applicationautoscaling.CfnScalingPolicy;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.applicationautoscaling.ScalableTarget;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecs.CfnService;
import software.amazon.awscdk.services.ecs.CloudMapNamespaceOptions;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.LoadBalancerTargetOptions;
import software.amazon.awscdk.services.ecs.RequestCountScalingProps;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The whole system: VPC, ECS cluster with a Service Connect namespace, the four services (gateway
 * public behind an ALB, the others private), their data, identity, least-privilege task roles,
 * autoscaling and alarms. Environment-agnostic: account and region come from the deploying credentials.
 * Over 300 lines as one class because it is the wiring: the parts live in their own constructs ({@link Storage},
 * {@link Identity}, {@link AlbumService}), and what stays here (network, grants, scaling) joins them to each other.
 */
public class CloudAlbumStack extends Stack {

    /** The Cloud Map namespace Service Connect names live in ({@code user-service}, {@code photo-service}, …). */
    static final String NAMESPACE = "cloudalbum.internal";
    /** Target of the thumbnail-service's scaling: visible messages per running task. */
    static final int THUMBNAIL_BACKLOG_PER_TASK = 20;

    private final AlbumService gateway;
    private final AlbumService userService;
    private final AlbumService photoService;
    private final AlbumService thumbnailService;

    public CloudAlbumStack(Construct scope, String id, StackProps props, DeploySettings settings) {
        super(scope, id, props);

        Vpc vpc = Vpc.Builder.create(this, "Vpc")
                .maxAzs(2)
                // one NAT gateway keeps idle cost down (traffic to S3 and DynamoDB bypasses it); one per AZ keeps
                // an AZ's tasks reaching Cognito, SQS and Secrets Manager when the other AZ fails
                .natGateways(settings.natGatewayPerAz() ? 2 : 1)
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
                        SubnetConfiguration.builder().name("private").subnetType(SubnetType.PRIVATE_WITH_EGRESS).cidrMask(20).build()))
                .gatewayEndpoints(Map.of(
                        "S3", GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.S3).build(),
                        "DynamoDb", GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.DYNAMODB).build()))
                .build();
        // rejected connections only: what a security review asks for, at a fraction of the cost of all traffic
        vpc.addFlowLog("RejectedFlows", FlowLogOptions.builder()
                .trafficType(FlowLogTrafficType.REJECT)
                .build());

        Storage storage = new Storage(this, "Storage");
        Identity identity = new Identity(this, "Identity", settings);
        var cursorSecret = software.amazon.awscdk.services.secretsmanager.Secret.Builder.create(this, "CursorSecret")
                .description("photo-service: HMAC key for album cursors (album.photo.cursor-secret)")
                .generateSecretString(SecretStringGenerator.builder().passwordLength(64).excludePunctuation(true).build())
                .build();

        Cluster cluster = Cluster.Builder.create(this, "Cluster")
                .vpc(vpc)
                // RunningTaskCount, which the thumbnail-service's backlog-per-task scaling divides by
                .containerInsightsV2(ContainerInsights.ENABLED)
                .defaultCloudMapNamespace(CloudMapNamespaceOptions.builder().name(NAMESPACE).useForServiceConnect(true).build())
                .build();

        SecurityGroup albSecurityGroup = securityGroup("AlbSecurityGroup", vpc, "CloudAlbum load balancer");
        SecurityGroup gatewaySecurityGroup = securityGroup("GatewaySecurityGroup", vpc, "CloudAlbum gateway tasks");
        SecurityGroup userSecurityGroup = securityGroup("UserServiceSecurityGroup", vpc, "CloudAlbum user-service tasks");
        SecurityGroup photoSecurityGroup = securityGroup("PhotoServiceSecurityGroup", vpc, "CloudAlbum photo-service tasks");
        // nothing calls thumbnail-service: its tasks take no inbound traffic at all
        SecurityGroup thumbnailSecurityGroup = securityGroup("ThumbnailServiceSecurityGroup", vpc, "CloudAlbum thumbnail-service tasks");
        gatewaySecurityGroup.addIngressRule(albSecurityGroup, Port.tcp(ServiceSpec.GATEWAY.port()), "from the load balancer");
        userSecurityGroup.addIngressRule(gatewaySecurityGroup, Port.tcp(ServiceSpec.USER.port()), "from the gateway");
        photoSecurityGroup.addIngressRule(gatewaySecurityGroup, Port.tcp(ServiceSpec.PHOTO.port()), "from the gateway");

        ApplicationLoadBalancer alb = ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
                .vpc(vpc)
                .internetFacing(true)
                .securityGroup(albSecurityGroup)
                .dropInvalidHeaderFields(true)
                // no silence a legitimate upload has may be cut before the gateway's own upload timeout (Drain)
                .idleTimeout(Duration.seconds(Drain.LOAD_BALANCER_IDLE_SECONDS))
                .build();
        ApplicationListener listener = listener(alb, settings);
        String publicOrigin = settings.publicOrigin().orElseGet(() ->
                (settings.certificateArn().isPresent() ? "https://" : "http://") + alb.getLoadBalancerDnsName());

        gateway = new AlbumService(this, ServiceSpec.GATEWAY, cluster, gatewaySecurityGroup, settings.repoRoot(),
                ServiceEnvironment.gateway(identity, storage, publicOrigin), Map.of(), false);
        userService = new AlbumService(this, ServiceSpec.USER, cluster, userSecurityGroup, settings.repoRoot(),
                ServiceEnvironment.userService(identity, storage), Map.of(), true);
        photoService = new AlbumService(this, ServiceSpec.PHOTO, cluster, photoSecurityGroup, settings.repoRoot(),
                ServiceEnvironment.photoService(identity, storage),
                Map.of(ServiceEnvironment.CURSOR_SECRET, Secret.fromSecretsManager(cursorSecret)), true);
        thumbnailService = new AlbumService(this, ServiceSpec.THUMBNAIL, cluster, thumbnailSecurityGroup, settings.repoRoot(),
                ServiceEnvironment.thumbnailService(identity, storage), Map.of(), true);
        // the gateway resolves user-service and photo-service only once they are registered
        gateway.service().getNode().addDependency(userService.service(), photoService.service());
        // a JVM on half a vCPU can take a minute to get ready; the ALB must not kill it before
        ((CfnService) gateway.service().getNode().getDefaultChild()).setHealthCheckGracePeriodSeconds(120);

        ApplicationTargetGroup gatewayTargets = listener.addTargets("Gateway", AddApplicationTargetsProps.builder()
                .port(ServiceSpec.GATEWAY.port())
                .protocol(ApplicationProtocol.HTTP)
                .targets(List.of(gateway.service().loadBalancerTarget(LoadBalancerTargetOptions.builder()
                        .containerName(ServiceSpec.GATEWAY.name())
                        .containerPort(ServiceSpec.GATEWAY.port())
                        .build())))
                .healthCheck(HealthCheck.builder()
                        .path(ServiceSpec.READINESS_PATH)
                        .healthyHttpCodes("200")
                        .interval(Duration.seconds(15))
                        .timeout(Duration.seconds(5))
                        .healthyThresholdCount(2)
                        .unhealthyThresholdCount(3)
                        .build())
                // ECS stops a gateway task only after this: the longest upload in flight finishes first (Drain)
                .deregistrationDelay(Duration.seconds(Drain.DEREGISTRATION_DELAY_SECONDS))
                .build());

        grantUserService(storage, identity);
        grantPhotoService(storage);
        grantThumbnailService(storage);

        scaleOnCpuAndRequests(gatewayTargets);
        scaleOnCpu(userService);
        scaleOnCpu(photoService);
        scaleOnBacklog(cluster, storage);

        Alarms alarms = new Alarms(this, "Alarms", settings.alarmEmail());
        var deadLetters = alarms.deadLetters(storage.thumbnailDeadLetters);
        alarms.thumbnailLag(storage.thumbnailQueue);
        var serverErrors = alarms.serverErrors(alb);
        // deployment alarms: a deploy that makes requests fail, or events dead-letter, rolls back on its own
        gateway.rollBackOn(serverErrors);
        userService.rollBackOn(serverErrors);
        photoService.rollBackOn(serverErrors);
        thumbnailService.rollBackOn(deadLetters);

        explainNagFindings(albSecurityGroup, alb, cursorSecret, storage, identity, settings);

        output("ApiUrl", publicOrigin, "where the gateway answers");
        output("UserPoolId", identity.userPool.getUserPoolId(), "Cognito user pool");
        output("UserPoolClientId", identity.webClient.getUserPoolClientId(), "Cognito app client (no secret)");
        output("UserPoolDomain", identity.domain.getDomainName(), "Cognito domain prefix");
        output("PhotoBucketName", storage.bucket.getBucketName(), "originals and renditions under photos/");
        output("UserTableName", storage.users.getTableName(), "DynamoDB User table");
        output("PhotoTableName", storage.photos.getTableName(), "DynamoDB Photo table");
        output("ThumbnailQueueUrl", storage.thumbnailQueue.getQueueUrl(), "S3 events for thumbnail-service");
        output("ThumbnailDeadLetterQueueUrl", storage.thumbnailDeadLetters.getQueueUrl(), "events that failed 5 receives");
        output("ClusterName", cluster.getClusterName(), "ECS cluster");
        output("AlarmTopicArn", alarms.topic.getTopicArn(), "subscribe to receive alarms");
    }

    /** HTTPS with the given certificate (port 80 redirects), or plain HTTP on 80 without one (only with allowHttp). */
    private ApplicationListener listener(ApplicationLoadBalancer alb, DeploySettings settings) {
        if (settings.certificateArn().isEmpty()) {
            return alb.addListener("Http", BaseApplicationListenerProps.builder()
                    .protocol(ApplicationProtocol.HTTP)
                    .port(80)
                    .open(true)
                    .build());
        }
        alb.addRedirect();
        return alb.addListener("Https", BaseApplicationListenerProps.builder()
                .protocol(ApplicationProtocol.HTTPS)
                .port(443)
                .open(true)
                .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                .certificates(List.of(ListenerCertificate.fromCertificateManager(
                        Certificate.fromCertificateArn(this, "Certificate", settings.certificateArn().get()))))
                .build());
    }

    /** The AwsSolutions rules this stack meets otherwise, or not on purpose; each reason is in the template (NagTest). */
    private void explainNagFindings(SecurityGroup albSecurityGroup, ApplicationLoadBalancer alb,
                                    software.amazon.awscdk.services.secretsmanager.Secret cursorSecret, Storage storage,
                                    Identity identity, DeploySettings settings) {
        Nag.suppress(albSecurityGroup, "AwsSolutions-EC23",
                "The public load balancer takes HTTP(S) from anyone on 80/443 only; the tasks take traffic only from it.");
        Nag.suppress(alb, "AwsSolutions-ELB2",
                "Access logs need a log bucket and cost per request; the gateway logs every request (method, path, status, time) with its trace id.");
        Nag.suppress(storage.bucket, "AwsSolutions-S1",
                "Server access logs would need a second bucket; photo-service and thumbnail-service log every object they write or delete, with trace ids.");
        Nag.suppress(cursorSecret, "AwsSolutions-SMG4",
                "The key only signs album paging cursors (15-minute use); rotating it needs a rotation function and two-key verification, not built.");
        for (AlbumService service : List.of(gateway, userService, photoService, thumbnailService)) {
            Nag.suppress(service.task(), "AwsSolutions-ECS2",
                    "The variables are configuration (table, bucket and queue names, URLs, JVM options); the one secret is an ECS secret from Secrets Manager.");
            Nag.suppress(service.task().getExecutionRole().getNode().findChild("DefaultPolicy"), "AwsSolutions-IAM5",
                    "ecr:GetAuthorizationToken has no resource-level permissions: CDK's execution role grants it on *.", "Resource::*");
            Nag.suppress(service.task().getTaskRole().getNode().findChild("DefaultPolicy"), "AwsSolutions-IAM5",
                    "X-Ray's PutTraceSegments, PutTelemetryRecords and sampling calls (the collector sidecar) have no resource-level permissions.",
                    "Resource::*");
        }
        for (AlbumService service : List.of(photoService, thumbnailService)) {
            Nag.suppress(service.task().getTaskRole().getNode().findChild("DefaultPolicy"), "AwsSolutions-IAM5",
                    "Object-level S3 actions on the photos/ prefix only: every key is photos/{userId}/{photoId}/…, written at run time.",
                    "Resource::<" + getLogicalId((CfnElement) storage.bucket.getNode().getDefaultChild()) + ".Arn>/photos/*");
        }
        // CDK's own handler that configures the bucket's event notification at deploy time
        IConstruct notifications = getNode().getChildren().stream()
                .filter(child -> child.getNode().getId().startsWith("BucketNotificationsHandler"))
                .findFirst().orElseThrow();
        Nag.suppress(notifications.getNode().findChild("Role"), "AwsSolutions-IAM4",
                "CDK's BucketNotificationsHandler (deploy-time only) uses AWS's basic Lambda execution policy for its logs.",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
        if (!settings.threatProtection()) {
            Nag.suppress(identity.userPool, "AwsSolutions-COG3",
                    "Threat protection is Cognito's Plus plan, billed per active user: -c threatProtection=true enforces it.");
        }
        Nag.suppress(identity.userPool, "AwsSolutions-COG2",
                "MFA is not required of every user: -c totpMfa=true lets users add a TOTP authenticator (optional MFA).");
    }

    private SecurityGroup securityGroup(String id, Vpc vpc, String description) {
        return SecurityGroup.Builder.create(this, id).vpc(vpc).description(description).allowAllOutbound(true).build();
    }

    /**
     * Cognito's public calls (SignUp, InitiateAuth, ChangePassword, GlobalSignOut, RevokeToken, …) need
     * no IAM; only the admin calls do. AdminConfirmSignUp is left out: auto-confirm is off in AWS.
     */
    private void grantUserService(Storage storage, Identity identity) {
        userService.allow(allow("UserTable",
                List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"),
                storage.users.getTableArn()));
        userService.allow(allow("UserPoolAdmin",
                List.of("cognito-idp:AdminUpdateUserAttributes", "cognito-idp:AdminDeleteUser"),
                identity.userPool.getUserPoolArn()));
    }

    /**
     * ListBucket is granted on the bucket without a prefix condition: besides listing a photo's objects
     * for delete, it is what makes S3 answer a missing key with 404 instead of 403, which the services
     * map to "not found". Multipart uploads need PutObject and AbortMultipartUpload.
     */
    private void grantPhotoService(Storage storage) {
        photoService.allow(allow("PhotoObjects",
                List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"),
                storage.photoObjectsArn()));
        photoService.allow(allow("PhotoBucketList", List.of("s3:ListBucket"), storage.bucket.getBucketArn()));
        photoService.allow(allow("PhotoTable",
                List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query"),
                storage.photos.getTableArn()));
        photoService.allow(allow("PhotoGeoIndex", List.of("dynamodb:Query"), storage.photoGeoIndexArn()));
        // the album by date taken
        photoService.allow(allow("PhotoTakenIndex", List.of("dynamodb:Query"), storage.photoTakenIndexArn()));
        // the sweeper: unfinished photos, incomplete multipart uploads, and re-driven S3 events
        photoService.allow(allow("PhotoPendingIndex", List.of("dynamodb:Query"), storage.photoPendingIndexArn()));
        photoService.allow(allow("PhotoBucketUploads", List.of("s3:ListBucketMultipartUploads"), storage.bucket.getBucketArn()));
        photoService.allow(allow("ThumbnailQueueRedrive", List.of("sqs:SendMessage", "sqs:GetQueueUrl"),
                storage.thumbnailQueue.getQueueArn()));
    }

    /** GetQueueUrl: the service is configured with the queue's name; GetQueueAttributes: its redrive policy. */
    private void grantThumbnailService(Storage storage) {
        thumbnailService.allow(allow("ThumbnailQueue",
                List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
                        "sqs:GetQueueAttributes", "sqs:GetQueueUrl"),
                storage.thumbnailQueue.getQueueArn()));
        thumbnailService.allow(allow("PhotoObjects",
                List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
                storage.photoObjectsArn()));
        thumbnailService.allow(allow("PhotoBucketList", List.of("s3:ListBucket"), storage.bucket.getBucketArn()));
        thumbnailService.allow(allow("PhotoTable", List.of("dynamodb:GetItem", "dynamodb:UpdateItem"),
                storage.photos.getTableArn()));
    }

    private static PolicyStatement allow(String sid, List<String> actions, String resource) {
        return PolicyStatement.Builder.create().sid(sid).effect(Effect.ALLOW).actions(actions).resources(List.of(resource)).build();
    }

    /** Every request enters through the gateway: CPU and requests per task both say when it is busy. */
    private void scaleOnCpuAndRequests(ApplicationTargetGroup targets) {
        ScalableTaskCount scaling = scaling(gateway);
        scaling.scaleOnCpuUtilization("Cpu", cpu());
        scaling.scaleOnRequestCount("Requests", RequestCountScalingProps.builder()
                .targetGroup(targets)
                .requestsPerTarget(1000)
                .scaleInCooldown(Duration.minutes(5))
                .scaleOutCooldown(Duration.minutes(1))
                .build());
    }

    private void scaleOnCpu(AlbumService service) {
        scaling(service).scaleOnCpuUtilization("Cpu", cpu());
    }

    private static ScalableTaskCount scaling(AlbumService service) {
        return service.service().autoScaleTaskCount(EnableScalingProps.builder()
                .minCapacity(service.spec().minTasks())
                .maxCapacity(service.spec().maxTasks())
                .build());
    }

    private static CpuUtilizationScalingProps cpu() {
        return CpuUtilizationScalingProps.builder()
                .targetUtilizationPercent(60)
                .scaleInCooldown(Duration.minutes(5))
                .scaleOutCooldown(Duration.minutes(1))
                .build();
    }

    /**
     * Target tracking on backlog per task (visible messages ÷ running tasks), AWS's recommended metric
     * for queue workers: queue depth alone would not shrink as tasks are added. CDK's target tracking
     * takes no metric math, so the policy is the CloudFormation resource itself.
     */
    private void scaleOnBacklog(Cluster cluster, Storage storage) {
        ScalableTaskCount scaling = scaling(thumbnailService);
        ScalableTarget target = (ScalableTarget) scaling.getNode().findChild("Target");
        CfnScalingPolicy.Builder.create(this, "ThumbnailBacklogPerTask")
                .policyName(getStackName() + "-thumbnail-backlog-per-task")
                .policyType("TargetTrackingScaling")
                .scalingTargetId(target.getScalableTargetId())
                .targetTrackingScalingPolicyConfiguration(CfnScalingPolicy.TargetTrackingScalingPolicyConfigurationProperty.builder()
                        .targetValue(THUMBNAIL_BACKLOG_PER_TASK)
                        .scaleOutCooldown(60)
                        .scaleInCooldown(300)
                        .customizedMetricSpecification(CfnScalingPolicy.CustomizedMetricSpecificationProperty.builder()
                                .metrics(List.of(
                                        metric("visible", "AWS/SQS", "ApproximateNumberOfMessagesVisible", "Sum",
                                                Map.of("QueueName", storage.thumbnailQueue.getQueueName())),
                                        metric("tasks", "ECS/ContainerInsights", "RunningTaskCount", "Average",
                                                Map.of("ClusterName", cluster.getClusterName(),
                                                        "ServiceName", thumbnailService.service().getServiceName())),
                                        CfnScalingPolicy.TargetTrackingMetricDataQueryProperty.builder()
                                                .id("backlogPerTask")
                                                .label("Visible messages per running thumbnail-service task")
                                                .expression("visible / tasks")
                                                .returnData(true)
                                                .build()))
                                .build())
                        .build())
                .build();
    }

    private static CfnScalingPolicy.TargetTrackingMetricDataQueryProperty metric(
            String id, String namespace, String name, String stat, Map<String, String> dimensions) {
        return CfnScalingPolicy.TargetTrackingMetricDataQueryProperty.builder()
                .id(id)
                .returnData(false)
                .metricStat(CfnScalingPolicy.TargetTrackingMetricStatProperty.builder()
                        .stat(stat)
                        .metric(CfnScalingPolicy.TargetTrackingMetricProperty.builder()
                                .namespace(namespace)
                                .metricName(name)
                                .dimensions(dimensions.entrySet().stream()
                                        .map(d -> CfnScalingPolicy.TargetTrackingMetricDimensionProperty.builder()
                                                .name(d.getKey()).value(d.getValue()).build())
                                        .toList())
                                .build())
                        .build())
                .build();
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}
