package com.cloudalbum.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One service jar run by a test beside the system (on its own port), so it can be killed and restarted without
 * touching the services {@code run-local.sh} started. Stopped when the test JVM ends at the latest.
 */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final List<String> args;
    private Process process;
    private int starts;

    ServiceProcess(String name, int port, String... args) {
        this.name = name;
        this.port = port;
        this.args = List.of(args);
        Runtime.getRuntime().addShutdownHook(new Thread(this::destroy));
    }

    /** Starts the jar and waits until it is ready. */
    ServiceProcess start() throws Exception {
        Path root = RunningSystem.projectRoot();
        List<String> command = new ArrayList<>(List.of("java", "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-jar", root.resolve(name + "/target/" + name + ".jar").toString(), "--server.port=" + port,
                "--spring.profiles.active=local"));
        command.addAll(args);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("system-test/target/" + name + "-" + port + "-" + (++starts) + ".log").toFile())
                .start();
        awaitReady(Duration.ofMinutes(2));
        return this;
    }

    /** {@code kill -9}: no shutdown hook, no graceful stop. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    void signal(String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
    }

    String url() {
        return "http://localhost:" + port;
    }

    boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception notReady) {
            return false;
        }
    }

    private void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " on port " + port + " did not become ready; see system-test/target/"
                        + name + "-" + port + "-" + starts + ".log");
            }
            Thread.sleep(250);
        }
    }

    void destroy() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
