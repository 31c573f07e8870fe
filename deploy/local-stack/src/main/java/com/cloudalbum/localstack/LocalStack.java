package com.cloudalbum.localstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.cloudalbum.localstack.emulator.CognitoLocal;
import com.cloudalbum.localstack.emulator.DynamoDbLocal;
import com.cloudalbum.localstack.emulator.ElasticMq;
import com.cloudalbum.localstack.emulator.Emulator;
import com.cloudalbum.localstack.emulator.Ports;
import com.cloudalbum.localstack.emulator.S3Mock;
import com.cloudalbum.localstack.provision.Provisioner;
import com.cloudalbum.localstack.provision.StackDefinition;

/** The emulators of one local stack, started in parallel and provisioned from one definition. */
public final class LocalStack implements AutoCloseable {

    private final StackSettings settings;
    private final StackDefinition definition;
    private final List<Emulator> emulators;
    private final List<Emulator> started = Collections.synchronizedList(new ArrayList<>());

    public LocalStack(StackSettings settings, StackDefinition definition, List<String> only) throws IOException {
        this.settings = settings;
        this.definition = definition;
        this.emulators = emulators(settings, definition).stream()
                .filter(e -> only.isEmpty() || only.contains(e.name()))
                .toList();
    }

    public boolean alreadyRunning() {
        return emulators.stream().allMatch(e -> Ports.isOpen(e.port()));
    }

    public List<String> busyPorts() {
        return emulators.stream().filter(e -> Ports.isOpen(e.port())).map(e -> e.name() + ":" + e.port()).toList();
    }

    /** Starts every emulator (in parallel) and returns what provisioning created. */
    public List<String> start() throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(emulators.size());
        try {
            CompletableFuture.allOf(emulators.stream()
                            .map(e -> CompletableFuture.runAsync(() -> start(e), starters))
                            .toArray(CompletableFuture[]::new))
                    .get(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            starters.shutdown();
        }
        return provision();
    }

    /** Provisions the emulators (running or just started); idempotent. */
    public List<String> provision() throws Exception {
        List<String> names = emulators.stream().map(Emulator::name).toList();
        Provisioner.Endpoints endpoints = new Provisioner.Endpoints(
                endpoint(names, "dynamodb", settings.dynamoDbPort()),
                endpoint(names, "s3", settings.s3Port()),
                endpoint(names, "sqs", settings.sqsPort()),
                endpoint(names, "cognito", settings.cognitoPort()),
                settings.region());
        try (Provisioner provisioner = new Provisioner(definition, endpoints)) {
            return provisioner.provision();
        }
    }

    public String describe() {
        return String.join(", ", emulators.stream().map(e -> e.name() + "=" + settings.endpoint(e.port())).toList());
    }

    @Override
    public void close() {
        // the external process first: it is the one that could outlive this JVM
        List<Emulator> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        reversed.sort(Comparator.comparing(e -> !(e instanceof CognitoLocal)));
        for (Emulator emulator : reversed) {
            try {
                emulator.stop();
            } catch (RuntimeException e) {
                System.err.println(emulator.name() + ": stop failed: " + e);
            }
        }
        started.clear();
    }

    private void start(Emulator emulator) {
        long t0 = System.nanoTime();
        started.add(emulator);
        try {
            emulator.start();
        } catch (Exception e) {
            throw new IllegalStateException(emulator.name() + " failed to start", e);
        }
        System.out.printf("%s up on port %d in %d ms%n", emulator.name(), emulator.port(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    private URI endpoint(List<String> names, String name, int port) {
        String override = System.getProperty("localstack." + name + ".endpoint");
        if (override != null) {
            return URI.create(override);
        }
        return names.contains(name) ? URI.create(settings.endpoint(port)) : null;
    }

    private static List<Emulator> emulators(StackSettings settings, StackDefinition definition) throws IOException {
        deleteStaleDataDirs(settings.dataDir());
        Path dataDir = settings.dataDir().resolve(Long.toString(ProcessHandle.current().pid()));
        Files.createDirectories(dataDir);
        String queueUrl = settings.endpoint(settings.sqsPort()) + "/000000000000/" + definition.thumbnailQueue().name();
        return List.of(
                new DynamoDbLocal(settings.dynamoDbPort()),
                new ElasticMq(settings.sqsPort(), settings.region()),
                new S3Mock(settings.s3Port(), settings.s3HttpsPort(), dataDir.resolve("s3"), Map.of(
                        "s3events.queue-url", queueUrl,
                        "s3events.bucket", definition.photoBucket(),
                        "s3events.region", settings.region())),
                new CognitoLocal(settings.cognitoPort(), settings.cognitoModuleDir(), dataDir.resolve("cognito"),
                        definition.userPool()));
    }

    /** Data dirs of launchers that are gone (killed hard) would pile up otherwise. */
    private static void deleteStaleDataDirs(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                boolean alive = !name.isEmpty() && name.chars().allMatch(Character::isDigit)
                        && ProcessHandle.of(Long.parseLong(name)).isPresent();
                if (!alive) {
                    try (Stream<Path> walk = Files.walk(dir)) {
                        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(p);
                        }
                    }
                }
            }
        }
    }
}
