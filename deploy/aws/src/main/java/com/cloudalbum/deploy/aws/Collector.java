package com.cloudalbum.deploy.aws;

import java.util.List;

/**
 * The AWS Distro for OpenTelemetry collector that runs beside every service. It listens for OTLP on
 * the task's loopback only (awsvpc: the task's containers share it) and sends traces to X-Ray.
 * Spring Boot's OTLP exporter already defaults to {@code http://localhost:4318/v1/traces}.
 */
final class Collector {

    static final String CONTAINER_NAME = "aws-otel-collector";
    /** Pinned: {@code latest} would change the sidecar under a running service at its next deploy. */
    static final String IMAGE = "public.ecr.aws/aws-observability/aws-otel-collector:v0.47.0";
    static final String CONFIG_VARIABLE = "AOT_CONFIG_CONTENT";

    static final List<String> XRAY_ACTIONS = List.of(
            "xray:PutTraceSegments",
            "xray:PutTelemetryRecords",
            "xray:GetSamplingRules",
            "xray:GetSamplingTargets");

    static final String CONFIG = """
            extensions:
              health_check:
                endpoint: 127.0.0.1:13133
            receivers:
              otlp:
                protocols:
                  grpc:
                    endpoint: 127.0.0.1:4317
                  http:
                    endpoint: 127.0.0.1:4318
            processors:
              batch/traces:
                timeout: 1s
                send_batch_size: 50
              resourcedetection:
                detectors: [env, ecs]
            exporters:
              awsxray: {}
            service:
              extensions: [health_check]
              pipelines:
                traces:
                  receivers: [otlp]
                  processors: [resourcedetection, batch/traces]
                  exporters: [awsxray]
            """;

    private Collector() {
    }
}
