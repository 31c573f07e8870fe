package com.cloudalbum.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Runs {@code ./run-local.sh} as README.md tells a new user to, checks every service's readiness and
 * the gateway from outside, then presses Ctrl-C (SIGINT) and checks that no process or port is left.
 */
class RunLocalSmokeIntegrationTest {

    private static final String RUNNING = "CloudAlbum is running at http://localhost:8080";
    private static final List<Integer> SERVICE_PORTS = List.of(8080, 8081, 8082, 8083);
    private static final List<Integer> EMULATOR_PORTS = List.of(8000, 9090, 9191, 9324, 9229);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void runLocal_bringsAllServicesReady_andCtrlCLeavesNoProcessOrPortBehind() throws Exception {
        Path root = projectRoot();
        awaitPortsClosed(Duration.ofSeconds(60)); // stacks of earlier modules' test JVMs may still be stopping
        ProcessBuilder builder = new ProcessBuilder("env", "--default-signal=INT", "./run-local.sh")
                .directory(root.toFile())
                .redirectErrorStream(true);
        builder.environment().put("CLOUDALBUM_RUN_DIR", root.resolve("system-test/target/run-local").toString());
        Process run = builder.start();
        List<String> output = new ArrayList<>();
        try {
            CompletableFuture<Boolean> running = CompletableFuture.supplyAsync(() -> readUntil(run, RUNNING, output));
            assertThat(running.get(5, TimeUnit.MINUTES)).as("run-local.sh output: %s", output).isTrue();

            for (int port : SERVICE_PORTS) {
                HttpResponse<String> readiness = get("http://localhost:" + port + "/actuator/health/readiness");
                assertThat(readiness.statusCode()).as("readiness of port %d", port).isEqualTo(200);
                assertThat(readiness.body()).contains("\"UP\"");
            }
            HttpResponse<String> unknown = get("http://localhost:8080/api/photos-nope");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(output).anySatisfy(line -> assertThat(line).contains("local AWS stack ready"));

            List<ProcessHandle> started = run.descendants().toList();
            assertThat(started.stream().filter(p -> p.info().command().orElse("").endsWith("java")))
                    .as("launcher + four services").hasSizeGreaterThanOrEqualTo(5);

            new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();

            assertThat(run.waitFor(2, TimeUnit.MINUTES)).as("run-local.sh stops after Ctrl-C").isTrue();
            assertThat(started).noneMatch(ProcessHandle::isAlive);
            for (int port : concat(SERVICE_PORTS, EMULATOR_PORTS)) {
                assertThat(isOpen(port)).as("port %d after Ctrl-C", port).isFalse();
            }
        } finally {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
    }

    private static boolean readUntil(Process process, String marker, List<String> output) {
        // not closed here: the script keeps writing until it has stopped everything
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                System.out.println("[run-local] " + line);
                if (line.contains(marker)) {
                    Thread drain = new Thread(() -> lines.lines().forEach(l -> System.out.println("[run-local] " + l)));
                    drain.setDaemon(true);
                    drain.start();
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitPortsClosed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Integer> all = concat(SERVICE_PORTS, EMULATOR_PORTS);
        while (all.stream().anyMatch(RunLocalSmokeIntegrationTest::isOpen)) {
            assertThat(System.nanoTime()).as("ports %s must be free: stop whatever runs there (a CloudAlbum already running?)",
                    all.stream().filter(RunLocalSmokeIntegrationTest::isOpen).toList()).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static boolean isOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Path projectRoot() {
        String configured = System.getProperty("cloudalbum.root");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        assertThat(Files.isExecutable(root.resolve("run-local.sh"))).as("run-local.sh in %s", root).isTrue();
        return root;
    }
}
