package com.cloudalbum.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.cloudalbum.localstack.provision.StackDefinition;

/**
 * Starts DynamoDB Local, S3Mock with the S3 event hook, ElasticMQ and cognito-local on loopback,
 * provisions {@link StackDefinition#CLOUDALBUM}, prints {@value #READY} and runs until stopped.
 * Dev/test only. Options:
 * <ul>
 *   <li>{@code --provision-only}: provision emulators that are already running, then exit;</li>
 *   <li>{@code --exit-with-stdin}: stop when standard input closes (the parent process died);</li>
 *   <li>{@code --only=cognito,...}: start only these emulators.</li>
 * </ul>
 * When every port already answers, the running stack is reused: it is provisioned and the launcher
 * prints {@value #REUSED} and exits.
 */
public final class LocalStackMain {

    public static final String READY = "CloudAlbum local stack ready";
    public static final String REUSED = "CloudAlbum local stack already running";

    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        Path moduleDir = Path.of(System.getProperty("localstack.module-dir", ".")).toAbsolutePath().normalize();
        List<String> only = options.stream().filter(o -> o.startsWith("--only=")).findFirst()
                .map(o -> List.of(o.substring("--only=".length()).split(","))).orElse(List.of());
        LocalStack stack = new LocalStack(StackSettings.fromSystemProperties(moduleDir), StackDefinition.CLOUDALBUM, only);

        if (options.contains("--provision-only") || stack.alreadyRunning()) {
            List<String> changes = stack.provision();
            System.out.println((options.contains("--provision-only") ? READY : REUSED)
                    + "; provisioned: " + summary(changes));
            return;
        }
        List<String> busy = stack.busyPorts();
        if (!busy.isEmpty()) {
            System.err.println("Ports in use by something else: " + busy
                    + ". Stop whatever holds them (a half-stopped local stack?) and start again.");
            System.exit(2);
        }

        long t0 = System.nanoTime();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            System.out.println("CloudAlbum local stack stopped");
        }, "local-stack-shutdown"));
        try {
            List<String> changes = stack.start();
            System.out.printf("%s in %d ms: %s; provisioned: %s%n", READY,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), stack.describe(), summary(changes));
        } catch (Exception e) {
            System.err.println("Local stack failed to start: " + e);
            e.printStackTrace();
            System.exit(1);
        }

        if (options.contains("--exit-with-stdin")) {
            waitForEndOfInput(System.in);
            System.exit(0);
        }
        // dev launcher only: its main thread parks until Ctrl-C; the emulators serve on their own threads
        Thread.currentThread().join();
    }

    private static String summary(List<String> changes) {
        return changes.isEmpty() ? "nothing to do" : String.join(", ", changes);
    }

    private static void waitForEndOfInput(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // a closed pipe means the parent is gone
        }
    }
}
