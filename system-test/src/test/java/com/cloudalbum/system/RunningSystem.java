package com.cloudalbum.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The whole system as README.md starts it ({@code ./run-local.sh}), once for this test JVM. The
 * smoke test stops it with Ctrl-C (SIGINT) at the end; a shutdown hook makes sure nothing survives.
 * The services export their spans to a {@link TraceCollector} in this JVM, as they would to the
 * collector sidecar in AWS (the OTLP endpoint is passed in the environment).
 */
final class RunningSystem {

    static final String RUNNING = "CloudAlbum is running at http://localhost:8080";
    static final List<Integer> SERVICE_PORTS = List.of(8080, 8081, 8082, 8083);
    static final List<Integer> EMULATOR_PORTS = List.of(8000, 9090, 9191, 9324, 9229);

    private static RunningSystem instance;

    final Process process;
    final List<String> output = Collections.synchronizedList(new ArrayList<>());
    final List<ProcessHandle> started;
    final TraceCollector traces;

    private RunningSystem(Process process, List<ProcessHandle> started, TraceCollector traces) {
        this.process = process;
        this.started = started;
        this.traces = traces;
    }

    static synchronized RunningSystem get() throws Exception {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static RunningSystem start() throws Exception {
        Path root = projectRoot();
        awaitPortsClosed(Duration.ofSeconds(60)); // stacks of earlier modules' test JVMs may still be stopping
        ProcessBuilder builder = new ProcessBuilder("env", "--default-signal=INT", "./run-local.sh")
                .directory(root.toFile())
                .redirectErrorStream(true);
        builder.environment().put("CLOUDALBUM_RUN_DIR", runDir(root).toString());
        TraceCollector traces = TraceCollector.start();
        builder.environment().put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", traces.endpoint());
        builder.environment().put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULE_DELAY", "200ms");
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            traces.stop();
        }));
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Boolean> running = CompletableFuture.supplyAsync(() -> readUntil(process, RUNNING, lines));
        if (!running.get(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("run-local.sh did not report the system running: " + lines);
        }
        RunningSystem system = new RunningSystem(process, process.descendants().toList(), traces);
        system.output.addAll(lines);
        return system;
    }

    /** Presses Ctrl-C and waits for the script to end. */
    boolean interruptAndWait(Duration timeout) throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static boolean readUntil(Process process, String marker, List<String> output) {
        // not closed here: the script keeps writing until it has stopped everything
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
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

    static void awaitPortsClosed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Integer> all = allPorts();
        while (all.stream().anyMatch(RunningSystem::isOpen)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ports " + all.stream().filter(RunningSystem::isOpen).toList()
                        + " must be free: stop whatever runs there (a CloudAlbum already running?)");
            }
            Thread.sleep(500);
        }
    }

    static List<Integer> allPorts() {
        List<Integer> all = new ArrayList<>(SERVICE_PORTS);
        all.addAll(EMULATOR_PORTS);
        return all;
    }

    static boolean isOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Where run-local.sh writes each service's log ({@code <service>.log}). */
    static Path runDir(Path root) {
        return root.resolve("system-test/target/run-local");
    }

    static Path projectRoot() {
        String configured = System.getProperty("cloudalbum.root");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        if (!Files.isExecutable(root.resolve("run-local.sh"))) {
            throw new IllegalStateException("no executable run-local.sh in " + root);
        }
        return root;
    }
}
