package com.cloudalbum.deploy.aws;

import static com.cloudalbum.deploy.aws.SynthesizedStack.cast;
import static com.cloudalbum.deploy.aws.SynthesizedStack.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.boot.convert.DurationStyle;

/**
 * Deploys and scale-in do not cut uploads: the chain from the load balancer to the services' graceful
 * shutdown, read from the template and the services' {@code application.yml}, fits the gateway's upload route.
 */
class DrainTest {

    static final List<ServiceSpec> SERVICES = ServicesTest.SERVICES;

    private final SynthesizedStack stack = SynthesizedStack.defaults();

    @Test
    void longestUpload_isTheGatewaysUploadRouteTimeout() {
        assertThat(uploadRouteTimeout()).isEqualTo(Duration.ofSeconds(Drain.LONGEST_UPLOAD_SECONDS));
    }

    @Test
    void deregistrationDelay_coversTheLongestUpload() {
        Map<String, Object> group = stack.ofType("AWS::ElasticLoadBalancingV2::TargetGroup").values().iterator().next();

        assertThat(Long.parseLong(attribute(group, "TargetGroupAttributes", "deregistration_delay.timeout_seconds")))
                .isGreaterThan(uploadRouteTimeout().toSeconds());
    }

    @Test
    void loadBalancerIdleTimeout_isNotShorterThanTheLongestUpload() {
        Map<String, Object> alb = stack.ofType("AWS::ElasticLoadBalancingV2::LoadBalancer").values().iterator().next();

        assertThat(Long.parseLong(attribute(alb, "LoadBalancerAttributes", "idle_timeout.timeout_seconds")))
                .isGreaterThanOrEqualTo(uploadRouteTimeout().toSeconds());
    }

    @Test
    void serviceConnectTimeouts_ofPhotoService_areNotShorterThanTheLongestUpload() {
        Map<String, Object> connect = map(stack.props(stack.serviceId("photo-service")).get("ServiceConnectConfiguration"));
        Map<String, Object> timeout = map(SynthesizedStack.<List<Map<String, Object>>>cast(connect.get("Services")).get(0).get("Timeout"));

        assertThat(((Number) timeout.get("PerRequestTimeoutSeconds")).longValue()).isGreaterThanOrEqualTo(uploadRouteTimeout().toSeconds());
        assertThat(((Number) timeout.get("IdleTimeoutSeconds")).longValue()).isGreaterThanOrEqualTo(uploadRouteTimeout().toSeconds());
    }

    /** SIGTERM → Spring's graceful phase → SIGKILL at stopTimeout: the phase ends first, with time to close. */
    @ParameterizedTest
    @FieldSource("SERVICES")
    void stopTimeout_ofEachService_outlastsItsShutdownPhase(ServiceSpec spec) {
        Duration phase = DurationStyle.detectAndParse(String.valueOf(ConfigurationKeys.yml(stack.repoRoot, spec.name())
                .get("spring.lifecycle.timeout-per-shutdown-phase")));
        int stopTimeout = ((Number) stack.container(spec.name(), spec.name()).get("StopTimeout")).intValue();

        assertThat(ConfigurationKeys.yml(stack.repoRoot, spec.name())).containsEntry("server.shutdown", "graceful");
        assertThat(stopTimeout).as("Fargate's maximum").isLessThanOrEqualTo(120);
        assertThat(phase.plusSeconds(5).toSeconds()).as("%s's shutdown phase plus 5 s to close", spec.name())
                .isLessThanOrEqualTo(stopTimeout);
    }

    /** photo-service has no deregistration delay: its own shutdown phase is all an upload gets, so as long as Fargate allows. */
    @Test
    void shutdownPhase_ofPhotoService_usesWhatFargateAllows() {
        Duration phase = DurationStyle.detectAndParse(String.valueOf(ConfigurationKeys.yml(stack.repoRoot, "photo-service")
                .get("spring.lifecycle.timeout-per-shutdown-phase")));

        assertThat(phase).isGreaterThanOrEqualTo(Duration.ofSeconds(Drain.STOP_TIMEOUT_SECONDS - 15));
    }

    private Duration uploadRouteTimeout() {
        Map<String, Object> yml = ConfigurationKeys.yml(stack.repoRoot, "gateway");
        for (int i = 0; yml.containsKey("spring.cloud.gateway.server.webflux.routes[" + i + "].id"); i++) {
            String route = "spring.cloud.gateway.server.webflux.routes[" + i + "]";
            if ("photo-service-upload".equals(yml.get(route + ".id"))) {
                return Duration.ofMillis(Long.parseLong(String.valueOf(yml.get(route + ".metadata.response-timeout"))));
            }
        }
        throw new AssertionError("no photo-service-upload route in gateway's application.yml");
    }

    private static String attribute(Map<String, Object> resource, String property, String key) {
        List<Map<String, Object>> attributes = cast(SynthesizedStack.props(resource).get(property));
        return attributes.stream().filter(a -> key.equals(a.get("Key"))).map(a -> String.valueOf(a.get("Value")))
                .findFirst().orElseThrow(() -> new AssertionError(key + " not set"));
    }
}
