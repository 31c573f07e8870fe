package com.cloudalbum.common.test;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The AWS emulators for integration tests, one set per test JVM. Which provider runs them is chosen
 * by the system property {@code cloudalbum.test.stack}:
 * <ul>
 *   <li>{@code embedded} (default): the project's local stack ({@code deploy/local-stack}) as a child
 *       process, or the one already running on the default ports, which is then only provisioned;</li>
 *   <li>{@code localstack}: LocalStack in Docker through Testcontainers for DynamoDB, S3 and SQS,
 *       provisioned by the same launcher, with cognito-local from the local stack (LocalStack's
 *       Cognito is not in its free image).</li>
 * </ul>
 * The same test classes run on either; {@link #registerEndpoints} hands the endpoints to Spring.
 */
public final class LocalAws {

    public static final String PROVIDER_PROPERTY = "cloudalbum.test.stack";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final String LOCALSTACK_IMAGE = "localstack/localstack:4.9.2";

    private static final Set<Long> READY_PROCESSES = ConcurrentHashMap.newKeySet();
    private static LocalAws instance;

    private final URI dynamoDb;
    private final URI s3;
    private final URI sqs;
    private final URI cognito;

    private LocalAws(URI dynamoDb, URI s3, URI sqs, URI cognito) {
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
        this.sqs = sqs;
        this.cognito = cognito;
    }

    /** Starts (or reuses) the emulators once per JVM; they stop when the JVM exits. */
    public static synchronized LocalAws get() {
        if (instance == null) {
            String provider = System.getProperty(PROVIDER_PROPERTY, "embedded");
            instance = switch (provider) {
                case "embedded" -> embedded();
                case "localstack" -> localStack();
                default -> throw new IllegalArgumentException(PROVIDER_PROPERTY + " must be embedded or localstack, not " + provider);
            };
        }
        return instance;
    }

    public URI dynamoDb() {
        return dynamoDb;
    }

    public URI s3() {
        return s3;
    }

    public URI sqs() {
        return sqs;
    }

    public URI cognito() {
        return cognito;
    }

    /** For {@code @DynamicPropertySource}: the services' {@code album.aws.*} settings. */
    public static void registerEndpoints(DynamicPropertyRegistry registry) {
        LocalAws aws = get();
        registry.add("album.aws.region", () -> "us-east-1");
        registry.add("album.aws.endpoints.dynamodb", aws::dynamoDb);
        registry.add("album.aws.endpoints.s3", aws::s3);
        registry.add("album.aws.endpoints.sqs", aws::sqs);
        registry.add("album.aws.endpoints.cognito", aws::cognito);
        registry.add("album.aws.credentials.access-key-id", () -> "test");
        registry.add("album.aws.credentials.secret-access-key", () -> "test");
    }

    private static LocalAws embedded() {
        runLauncher(List.of(), List.of());
        return new LocalAws(URI.create("http://localhost:8000"), URI.create("http://localhost:9090"),
                URI.create("http://localhost:9324"), URI.create("http://localhost:9229"));
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper and the JVM shutdown hook
    private static LocalAws localStack() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException(PROVIDER_PROPERTY + "=localstack needs Docker; the default provider 'embedded' does not");
        }
        LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE))
                .withServices("dynamodb", "s3", "sqs");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        URI endpoint = container.getEndpoint();
        runLauncher(List.of("--only=cognito"), List.of());
        runLauncher(List.of("--provision-only", "--only=dynamodb,s3,sqs"), List.of(
                "-Dlocalstack.dynamodb.endpoint=" + endpoint,
                "-Dlocalstack.s3.endpoint=" + endpoint,
                "-Dlocalstack.sqs.endpoint=" + endpoint,
                "-Dlocalstack.s3.native-notifications=true"));
        return new LocalAws(endpoint, endpoint, endpoint, URI.create("http://localhost:9229"));
    }

    /**
     * Runs the local-stack launcher as a child process and waits for its ready line. A launcher that
     * started emulators keeps running until this JVM exits (it stops when its stdin closes); one that
     * found them running, or only provisioned, exits by itself.
     */
    private static void runLauncher(List<String> args, List<String> jvmArgs) {
        Path moduleDir = projectRoot().resolve("deploy/local-stack");
        Path classpathFile = moduleDir.resolve("target/launcher.classpath");
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException("The local stack is not built: run ./mvnw -pl deploy/local-stack -am install -DskipTests"
                    + " (or the whole build) first; missing " + classpathFile);
        }
        try {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-Xmx512m", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                    "-Dlocalstack.module-dir=" + moduleDir));
            command.addAll(jvmArgs);
            command.addAll(List.of("-cp", moduleDir.resolve("target/classes") + File.pathSeparator
                            + Files.readString(classpathFile).trim(),
                    "com.cloudalbum.localstack.LocalStackMain", "--exit-with-stdin"));
            command.addAll(args);
            Path log = Files.createDirectories(Path.of("target")).resolve("local-stack-" + ProcessHandle.current().pid() + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process)));
            // a launcher that hangs without printing would block readLine forever
            CompletableFuture<Void> ready = new CompletableFuture<>();
            ready.completeOnTimeout(null, START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .thenRun(() -> {
                        if (!readyFlag(process)) {
                            process.descendants().forEach(ProcessHandle::destroyForcibly);
                            process.destroyForcibly();
                        }
                    });
            awaitReady(process, log);
            READY_PROCESSES.add(process.pid());
        } catch (IOException e) {
            throw new IllegalStateException("could not start the local stack", e);
        }
    }

    private static boolean readyFlag(Process process) {
        return READY_PROCESSES.contains(process.pid());
    }

    private static void awaitReady(Process process, Path log) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true);
        String line;
        while ((line = lines.readLine()) != null) {
            out.println(line);
            if (line.startsWith("CloudAlbum local stack ready") || line.startsWith("CloudAlbum local stack already running")) {
                System.out.println("[LocalAws] " + line);
                Thread copier = new Thread(() -> copy(lines, out), "local-stack-log");
                copier.setDaemon(true);
                copier.start();
                return;
            }
        }
        stop(process);
        throw new IllegalStateException("the local stack did not become ready; see " + log.toAbsolutePath());
    }

    private static void copy(BufferedReader lines, PrintWriter out) {
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                out.println(line);
            }
        } catch (IOException ignored) {
            // the launcher is gone
        } finally {
            out.close();
        }
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.flush();
        } catch (IOException ignored) {
            // closing is what matters
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The checkout's root: from the build ({@code cloudalbum.root}) or found above the working directory. */
    public static Path projectRoot() {
        String configured = System.getProperty("cloudalbum.root");
        if (configured != null && Files.isDirectory(Path.of(configured, "deploy/local-stack"))) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/local-stack"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the project root (a folder with deploy/local-stack) above " + Path.of("").toAbsolutePath());
    }
}
