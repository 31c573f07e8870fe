package com.cloudalbum.deploy.aws;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.ecs.AlarmBehavior;
import software.amazon.awscdk.services.ecs.AppProtocol;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.DeploymentAlarmOptions;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.Protocol;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.ecs.ServiceConnectProps;
import software.amazon.awscdk.services.ecs.ServiceConnectService;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One module as one Fargate service in the private subnets: the application container built from the
 * module's Dockerfile, an ADOT collector sidecar that forwards traces to X-Ray, a health check on
 * Actuator readiness, and a task role that starts empty (the stack grants each service what it calls).
 */
final class AlbumService extends Construct {

    static final String PORT_NAME = "http";
    /** Read by the {@code java} launcher (JDK 9+) before the image's own options: the task's memory caps. */
    static final String JAVA_OPTIONS_VARIABLE = "JDK_JAVA_OPTIONS";

    private final ServiceSpec spec;
    private final FargateTaskDefinition task;
    private final FargateService service;

    AlbumService(Construct scope, ServiceSpec spec, Cluster cluster, ISecurityGroup securityGroup, Path repoRoot,
                 Map<String, String> environment, Map<String, Secret> secrets, boolean discoverable) {
        super(scope, spec.constructId());
        this.spec = spec;
        String stackName = Stack.of(this).getStackName();

        task = FargateTaskDefinition.Builder.create(this, "Task")
                .family(stackName + "-" + spec.name())
                .cpu(spec.cpu())
                .memoryLimitMiB(spec.memoryMiB())
                .runtimePlatform(RuntimePlatform.builder()
                        .cpuArchitecture(CpuArchitecture.X86_64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX)
                        .build())
                .build();

        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/" + stackName + "/" + spec.name())
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        task.addContainer("App", ContainerDefinitionOptions.builder()
                .containerName(spec.name())
                .image(imageFromModule(repoRoot, spec.name()))
                .essential(true)
                .portMappings(List.of(PortMapping.builder()
                        .name(PORT_NAME)
                        .containerPort(spec.port())
                        .protocol(Protocol.TCP)
                        .appProtocol(AppProtocol.getHttp())
                        .build()))
                .environment(withJavaOptions(environment, JvmMemory.of(spec)))
                .secrets(secrets)
                .logging(LogDriver.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix("app").build()))
                .healthCheck(HealthCheck.builder()
                        .command(List.of("CMD-SHELL", "curl -fsS " + spec.readinessUrl() + " || exit 1"))
                        .interval(Duration.seconds(15))
                        .timeout(Duration.seconds(5))
                        .retries(3)
                        // four JVMs on two cores took up to 29 s to start; one on a Fargate vCPU needs less
                        .startPeriod(Duration.seconds(90))
                        .build())
                // above spring.lifecycle.timeout-per-shutdown-phase: in-flight requests and messages finish (Drain)
                .stopTimeout(Duration.seconds(Drain.STOP_TIMEOUT_SECONDS))
                .build());

        addCollector(logs);

        ServiceConnectProps.Builder serviceConnect = ServiceConnectProps.builder()
                .namespace(cluster.getDefaultCloudMapNamespace().getNamespaceArn())
                .logDriver(LogDriver.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix("service-connect").build()));
        if (discoverable) {
            serviceConnect.services(List.of(ServiceConnectService.builder()
                    .portMappingName(PORT_NAME)
                    .discoveryName(spec.name())
                    .dnsName(spec.name())
                    .port(spec.port())
                    // Envoy's default 15 s per request would cut a 50 MB upload on a slow link: the gateway's own
                    // upload timeout decides, not the proxy (Drain)
                    .perRequestTimeout(Duration.seconds(Drain.PROXY_TIMEOUT_SECONDS))
                    .idleTimeout(Duration.seconds(Drain.PROXY_TIMEOUT_SECONDS))
                    .build()));
        }

        // no desiredCount: autoscaling owns it, and a deploy must not reset a scaled-out service
        service = FargateService.Builder.create(this, "Service")
                .cluster(cluster)
                .taskDefinition(task)
                .securityGroups(List.of(securityGroup))
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                .assignPublicIp(false)
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                // a deploy whose tasks never get healthy stops and rolls back to the last good task definition
                .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
                .serviceConnectConfiguration(serviceConnect.build())
                .build();
    }

    /**
     * The ADOT collector receives OTLP on the task's loopback and exports traces to X-Ray. Not essential:
     * losing traces must not stop the service.
     */
    private void addCollector(LogGroup logs) {
        task.addContainer("Collector", ContainerDefinitionOptions.builder()
                .containerName(Collector.CONTAINER_NAME)
                .image(ContainerImage.fromRegistry(Collector.IMAGE))
                .essential(false)
                .memoryReservationMiB(64)
                // a hard limit, so the task's memory arithmetic (JvmMemory) holds
                .memoryLimitMiB(JvmMemory.COLLECTOR_MIB)
                .environment(Map.of(Collector.CONFIG_VARIABLE, Collector.CONFIG))
                .logging(LogDriver.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix("otel").build()))
                .healthCheck(HealthCheck.builder()
                        .command(List.of("CMD", "/healthcheck"))
                        .interval(Duration.seconds(15))
                        .timeout(Duration.seconds(5))
                        .retries(3)
                        .startPeriod(Duration.seconds(15))
                        .build())
                .build());
        task.addToTaskRolePolicy(PolicyStatement.Builder.create()
                .sid("XRayFromCollector")
                .effect(Effect.ALLOW)
                .actions(Collector.XRAY_ACTIONS)
                // X-Ray's write and sampling calls have no resource-level permissions: "*" is the only resource
                .resources(List.of("*"))
                .build());
    }

    private static Map<String, String> withJavaOptions(Map<String, String> environment, JvmMemory memory) {
        Map<String, String> all = new TreeMap<>(environment);
        all.put(JAVA_OPTIONS_VARIABLE, memory.javaOptions());
        return all;
    }

    /** A deploy whose new tasks set off {@code alarm} stops and rolls back to the last good task definition. */
    void rollBackOn(IAlarm alarm) {
        service.enableDeploymentAlarms(List.of(alarm.getAlarmName()), DeploymentAlarmOptions.builder()
                .behavior(AlarmBehavior.ROLLBACK_ON_ALARM)
                .build());
    }

    /** Grants the application's own AWS calls to this service's task role. */
    void allow(PolicyStatement statement) {
        task.addToTaskRolePolicy(statement);
    }

    ServiceSpec spec() {
        return spec;
    }

    FargateTaskDefinition task() {
        return task;
    }

    FargateService service() {
        return service;
    }

    /** The module's Dockerfile, built and pushed by {@code cdk deploy} (CDK's bootstrap ECR repository). */
    private static ContainerImage imageFromModule(Path repoRoot, String module) {
        return ContainerImage.fromAsset(repoRoot.resolve(module).toString(), AssetImageProps.builder()
                .platform(Platform.LINUX_AMD64)
                .build());
    }
}
