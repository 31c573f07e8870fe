package com.cloudalbum.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code ./run-local.sh} as README.md tells a new user to, checks every service's readiness and
 * the gateway from outside, then presses Ctrl-C (SIGINT) and checks that no process or port is left.
 * Runs after the other system tests, which share the same running system.
 */
@Order(Integer.MAX_VALUE)
class RunLocalSmokeIntegrationTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void runLocal_bringsAllServicesReady_andCtrlCLeavesNoProcessOrPortBehind() throws Exception {
        RunningSystem system = RunningSystem.get();

        for (int port : RunningSystem.SERVICE_PORTS) {
            HttpResponse<String> readiness = get("http://localhost:" + port + "/actuator/health/readiness");
            assertThat(readiness.statusCode()).as("readiness of port %d", port).isEqualTo(200);
            assertThat(readiness.body()).contains("\"UP\"");
        }
        HttpResponse<String> unknown = get("http://localhost:8080/no-such-page");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(system.output).anySatisfy(line -> assertThat(line).contains("local AWS stack ready"));
        assertThat(system.started.stream().filter(p -> p.info().command().orElse("").endsWith("java")))
                .as("launcher + four services").hasSizeGreaterThanOrEqualTo(5);

        assertThat(system.interruptAndWait(Duration.ofMinutes(2))).as("run-local.sh stops after Ctrl-C").isTrue();

        assertThat(system.started).noneMatch(ProcessHandle::isAlive);
        for (int port : RunningSystem.allPorts()) {
            assertThat(RunningSystem.isOpen(port)).as("port %d after Ctrl-C", port).isFalse();
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
