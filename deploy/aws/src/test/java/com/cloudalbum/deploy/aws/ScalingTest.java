package com.cloudalbum.deploy.aws;

import static com.cloudalbum.deploy.aws.SynthesizedStack.cast;
import static com.cloudalbum.deploy.aws.SynthesizedStack.map;
import static com.cloudalbum.deploy.aws.SynthesizedStack.props;
import static com.cloudalbum.deploy.aws.SynthesizedStack.refs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Each service scales on its own signal, within its own bounds. */
class ScalingTest {

    private final SynthesizedStack stack = SynthesizedStack.defaults();

    @Test
    void gateway_scalesOnCpuAndRequestsPerTask() {
        assertThat(bounds("gateway")).containsExactly(2, 10);
        assertThat(predefinedMetrics("gateway")).containsExactlyInAnyOrder(
                "ECSServiceAverageCPUUtilization:60", "ALBRequestCountPerTarget:1000");
    }

    @Test
    void userService_scalesOnCpu() {
        assertThat(bounds("user-service")).containsExactly(2, 6);
        assertThat(predefinedMetrics("user-service")).containsExactly("ECSServiceAverageCPUUtilization:60");
    }

    @Test
    void photoService_scalesOnCpu() {
        assertThat(bounds("photo-service")).containsExactly(2, 10);
        assertThat(predefinedMetrics("photo-service")).containsExactly("ECSServiceAverageCPUUtilization:60");
    }

    @Test
    void thumbnailService_scalesOnQueueBacklogPerTask() {
        assertThat(bounds("thumbnail-service")).containsExactly(1, 10);
        List<Map<String, Object>> policies = policies("thumbnail-service");
        assertThat(policies).hasSize(1);
        Map<String, Object> tracking = cast(policies.get(0).get("TargetTrackingScalingPolicyConfiguration"));
        List<Map<String, Object>> metrics = cast(map(tracking.get("CustomizedMetricSpecification")).get("Metrics"));

        assertThat(tracking).containsEntry("TargetValue", CloudAlbumStack.THUMBNAIL_BACKLOG_PER_TASK);
        assertThat(metrics).filteredOn(m -> Boolean.TRUE.equals(m.get("ReturnData")))
                .singleElement().satisfies(m -> assertThat(m).containsEntry("Expression", "visible / tasks"));
        assertThat(metric(metrics, "visible"))
                .containsEntry("MetricName", "ApproximateNumberOfMessagesVisible")
                .satisfies(m -> assertThat(refs(m.get("Dimensions")))
                        .containsExactly(stack.onlyId("AWS::SQS::Queue", p -> p.containsKey("RedrivePolicy"))));
        assertThat(metric(metrics, "tasks"))
                .containsEntry("Namespace", "ECS/ContainerInsights")
                .containsEntry("MetricName", "RunningTaskCount")
                .satisfies(m -> assertThat(refs(m.get("Dimensions"))).contains(stack.serviceId("thumbnail-service")));
    }

    @Test
    void services_leaveTheirTaskCountToAutoscaling() {
        assertThat(stack.ofType("AWS::ECS::Service").values())
                .allSatisfy(service -> assertThat(props(service)).doesNotContainKey("DesiredCount"));
    }

    private List<Integer> bounds(String service) {
        Map<String, Object> target = stack.props(scalableTarget(service));
        return List.of((Integer) target.get("MinCapacity"), (Integer) target.get("MaxCapacity"));
    }

    private String scalableTarget(String service) {
        String serviceId = stack.serviceId(service);
        return stack.onlyId("AWS::ApplicationAutoScaling::ScalableTarget", p -> refs(p.get("ResourceId")).contains(serviceId));
    }

    private List<Map<String, Object>> policies(String service) {
        String target = scalableTarget(service);
        return stack.ofType("AWS::ApplicationAutoScaling::ScalingPolicy").values().stream()
                .map(SynthesizedStack::props)
                .filter(p -> refs(p.get("ScalingTargetId")).contains(target))
                .toList();
    }

    private List<String> predefinedMetrics(String service) {
        return policies(service).stream()
                .map(p -> SynthesizedStack.<Map<String, Object>>cast(p.get("TargetTrackingScalingPolicyConfiguration")))
                .map(c -> map(c.get("PredefinedMetricSpecification")).get("PredefinedMetricType") + ":" + c.get("TargetValue"))
                .toList();
    }

    private static Map<String, Object> metric(List<Map<String, Object>> metrics, String id) {
        Map<String, Object> query = metrics.stream().filter(m -> id.equals(m.get("Id"))).findFirst().orElseThrow();
        return cast(map(query.get("MetricStat")).get("Metric"));
    }
}
