package com.cloudalbum.deploy.aws;

import static com.cloudalbum.deploy.aws.SynthesizedStack.cast;
import static com.cloudalbum.deploy.aws.SynthesizedStack.map;
import static com.cloudalbum.deploy.aws.SynthesizedStack.props;
import static com.cloudalbum.deploy.aws.SynthesizedStack.refs;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awscdk.assertions.Match;

/** Network, cluster and the four Fargate services: who is public, how they find each other, health, sidecars, images. */
class ServicesTest {

    static final List<ServiceSpec> SERVICES = List.of(ServiceSpec.GATEWAY, ServiceSpec.USER, ServiceSpec.PHOTO, ServiceSpec.THUMBNAIL);
    static final List<ServiceSpec> PRIVATE_SERVICES = List.of(ServiceSpec.USER, ServiceSpec.PHOTO, ServiceSpec.THUMBNAIL);

    private final SynthesizedStack stack = SynthesizedStack.defaults();

    @Test
    void vpc_spansTwoZones_withPublicAndPrivateSubnets_andS3DynamoEndpoints() {
        stack.template.resourceCountIs("AWS::EC2::VPC", 1);
        stack.template.resourceCountIs("AWS::EC2::Subnet", 4);
        stack.template.resourceCountIs("AWS::EC2::NatGateway", 1);
        assertThat(stack.ofType("AWS::EC2::VPCEndpoint").values())
                .extracting(endpoint -> String.valueOf(props(endpoint).get("ServiceName")))
                .hasSize(2)
                .anySatisfy(name -> assertThat(name).contains(".s3"))
                .anySatisfy(name -> assertThat(name).contains(".dynamodb"));
    }

    @Test
    void cluster_hasContainerInsights_andAServiceConnectNamespace() {
        stack.template.hasResourceProperties("AWS::ECS::Cluster", Map.of(
                "ClusterSettings", List.of(Map.of("Name", "containerInsights", "Value", "enabled"))));
        stack.template.hasResourceProperties("AWS::ServiceDiscovery::PrivateDnsNamespace",
                Map.of("Name", CloudAlbumStack.NAMESPACE));
    }

    @Test
    void services_oneFargateServicePerModule() {
        stack.template.resourceCountIs("AWS::ECS::Service", 4);
        stack.template.resourceCountIs("AWS::ECS::TaskDefinition", 4);
        assertThat(SERVICES).allSatisfy(spec -> {
            assertThat(stack.props(stack.serviceId(spec.name()))).containsEntry("LaunchType", "FARGATE");
            assertThat(stack.props(stack.taskDefinitionId(spec.name())))
                    .containsEntry("Cpu", Integer.toString(spec.cpu()))
                    .containsEntry("Memory", Integer.toString(spec.memoryMiB()));
        });
    }

    @Test
    void services_runInPrivateSubnets_withoutPublicIps() {
        assertThat(stack.ofType("AWS::ECS::Service").values()).allSatisfy(service -> {
            Map<String, Object> network = cast(map(props(service).get("NetworkConfiguration")).get("AwsvpcConfiguration"));
            assertThat(network).containsEntry("AssignPublicIp", "DISABLED");
            assertThat(refs(network.get("Subnets"))).allSatisfy(subnet -> assertThat(subnet).contains("private"));
        });
    }

    @Test
    void gateway_isTheOnlyServiceBehindTheInternetFacingLoadBalancer() {
        stack.template.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of("Scheme", "internet-facing"));
        assertThat(stack.ofType("AWS::ECS::Service").entrySet())
                .filteredOn(service -> props(service.getValue()).containsKey("LoadBalancers"))
                .extracting(Map.Entry::getKey)
                .containsExactly(stack.serviceId("gateway"));
        stack.template.hasResourceProperties("AWS::ECS::Service", Map.of("LoadBalancers", List.of(Map.of(
                "ContainerName", "gateway", "ContainerPort", 8080, "TargetGroupArn", Match.anyValue()))));
        stack.template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of("Port", 80, "Protocol", "HTTP"));
        assertThat(stack.props(stack.serviceId("gateway"))).containsEntry("HealthCheckGracePeriodSeconds", 120);
    }

    @ParameterizedTest
    @FieldSource("PRIVATE_SERVICES")
    void privateService_isReachedThroughServiceConnect_byItsName(ServiceSpec spec) {
        Map<String, Object> serviceConnect = cast(stack.props(stack.serviceId(spec.name())).get("ServiceConnectConfiguration"));

        assertThat(serviceConnect).containsEntry("Enabled", true);
        assertThat(SynthesizedStack.<List<Map<String, Object>>>cast(serviceConnect.get("Services"))).singleElement()
                .satisfies(service -> assertThat(service)
                        .containsEntry("PortName", AlbumService.PORT_NAME)
                        .containsEntry("ClientAliases", List.of(Map.of("DnsName", spec.name(), "Port", spec.port())))
                        .containsEntry("Timeout", Map.of("IdleTimeoutSeconds", Drain.PROXY_TIMEOUT_SECONDS, "PerRequestTimeoutSeconds", Drain.PROXY_TIMEOUT_SECONDS)));
    }

    @Test
    void gateway_isAServiceConnectClient_only() {
        Map<String, Object> serviceConnect = cast(stack.props(stack.serviceId("gateway")).get("ServiceConnectConfiguration"));

        assertThat(serviceConnect).containsEntry("Enabled", true).containsKey("Namespace").doesNotContainKey("Services");
    }

    @Test
    void securityGroups_admitEachServiceOnlyFromItsCaller() {
        Map<String, String> ingress = new TreeMap<>();
        stack.ofType("AWS::EC2::SecurityGroupIngress").values().forEach(rule -> {
            Map<String, Object> p = props(rule);
            ingress.put(String.join(",", refs(p.get("GroupId"))) + ":" + p.get("FromPort"),
                    String.join(",", refs(p.get("SourceSecurityGroupId"))));
        });

        assertThat(ingress).containsOnly(
                Map.entry(groupOf("gateway") + ":8080",
                        stack.onlyId("AWS::EC2::SecurityGroup", p -> "CloudAlbum load balancer".equals(p.get("GroupDescription")))),
                Map.entry(groupOf("user-service") + ":8081", groupOf("gateway")),
                Map.entry(groupOf("photo-service") + ":8082", groupOf("gateway")));
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void healthCheck_ofEachService_asksActuatorReadinessOnItsPort(ServiceSpec spec) {
        Map<String, Object> healthCheck = cast(stack.container(spec.name(), spec.name()).get("HealthCheck"));

        assertThat(SynthesizedStack.strings(healthCheck.get("Command")))
                .containsExactly("CMD-SHELL", "curl -fsS http://localhost:" + spec.port() + "/actuator/health/readiness || exit 1");
    }

    @Test
    void loadBalancer_checksTheGatewaysReadiness() {
        stack.template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of(
                "Port", 8080,
                "HealthCheckPath", "/actuator/health/readiness",
                "Matcher", Map.of("HttpCode", "200")));
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void task_ofEachService_runsAnAdotCollectorExportingTracesToXRay(ServiceSpec spec) {
        Map<String, Object> collector = stack.container(spec.name(), Collector.CONTAINER_NAME);
        Map<String, Object> environment = SynthesizedStack.<List<Map<String, Object>>>cast(collector.get("Environment")).get(0);
        Map<String, Object> config = new Yaml().load((String) environment.get("Value"));
        Map<String, Object> traces = cast(map(map(config.get("service")).get("pipelines")).get("traces"));

        assertThat(collector.get("Image")).asString()
                .startsWith("public.ecr.aws/aws-observability/aws-otel-collector:v").doesNotEndWith(":latest");
        assertThat(collector).containsEntry("Essential", false);
        assertThat(environment).containsEntry("Name", Collector.CONFIG_VARIABLE);
        assertThat(traces).containsEntry("receivers", List.of("otlp")).containsEntry("exporters", List.of("awsxray"));
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void image_ofEachService_isBuiltFromItsModulesDockerfileAndJar(ServiceSpec spec) throws IOException {
        Path module = stack.repoRoot.resolve(spec.name());
        Map<String, Object> assets = new Yaml().load(Files.readString(stack.outdir.resolve(CloudAlbumApp.STACK_NAME + ".assets.json")));
        Map<String, Map<String, Object>> images = cast(assets.get("dockerImages"));

        assertThat(images.values())
                .extracting(image -> Path.of((String) map(image.get("source")).get("directory")).normalize())
                .contains(module);
        assertThat(Files.readString(module.resolve("Dockerfile")))
                .contains("COPY target/" + spec.name() + ".jar")
                .contains("EXPOSE " + spec.port());
        assertThat(Files.readString(module.resolve(".dockerignore"))).contains("!target/" + spec.name() + ".jar");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void image_ofEachService_trainsItsAotCacheOnFirstRequestsAndTrimsItsNativeHeap(ServiceSpec spec) throws IOException {
        String dockerfile = Files.readString(stack.repoRoot.resolve(spec.name()).resolve("Dockerfile"));

        assertThat(dockerfile).contains("-XX:AOTCacheOutput=/app/app.aot -Dalbum.aot-training=true")
                .contains("\"-XX:AOTCache=/app/app.aot\"")
                .contains("\"-XX:TrimNativeHeapInterval=5000\"");
    }

    @Test
    void deployments_rollBackOnTheirOwn_whenNewTasksNeverGetHealthy() {
        assertThat(stack.ofType("AWS::ECS::Service").values()).allSatisfy(service ->
                assertThat(map(props(service).get("DeploymentConfiguration")))
                        .containsEntry("DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true))
                        .containsEntry("MinimumHealthyPercent", 100));
    }

    private String groupOf(String service) {
        Map<String, Object> network = cast(map(stack.props(stack.serviceId(service)).get("NetworkConfiguration")).get("AwsvpcConfiguration"));
        return String.join(",", refs(network.get("SecurityGroups")));
    }
}
