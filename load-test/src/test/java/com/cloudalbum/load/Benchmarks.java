package com.cloudalbum.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The side-by-side benchmark: every figure measured in one run on one machine against a running CloudAlbum, to
 * loopback only, bounded in count and time. Writes {@code docs/benchmarks.md}. Run it with
 * {@code load-test/benchmark.sh}, which starts and stops the local system around it.
 */
public final class Benchmarks {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BOUNDARY = "cloudalbum-bench-boundary";

    private final String gateway = System.getProperty("gateway", "http://localhost:8080");
    private final String photoService = System.getProperty("photoService", "http://localhost:8082");
    private final String s3 = System.getProperty("s3", "http://localhost:9090");
    private final String bucket = System.getProperty("bucket", "cloudalbum-photos");
    private final String thumbnailQueue = System.getProperty("thumbnailQueue", "http://localhost:9324/queue/cloudalbum-thumbnails");
    private final int uploads = Integer.getInteger("uploads", 48);
    private final int uploadConcurrency = Integer.getInteger("uploadConcurrency", 8);
    private final int bigUploads = Integer.getInteger("bigUploads", 64);
    private final int bigUploadMb = Integer.getInteger("bigUploadMb", 20);
    private final int listConnections = Integer.getInteger("listConnections", 256);
    private final Duration listDuration = Duration.ofSeconds(Long.getLong("listSeconds", 15));
    private final double lagRate = Double.parseDouble(System.getProperty("lagRate", "1"));
    private final Duration lagDuration = Duration.ofSeconds(Long.getLong("lagSeconds", 30));
    private final Path out = Path.of(System.getProperty("out", "docs/benchmarks.md"));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final StringBuilder report = new StringBuilder();

    public static void main(String[] args) throws Exception {
        new Benchmarks().run(String.join(" ", args));
    }

    private void run(String command) throws Exception {
        String token = Accounts.signUpAndIn(gateway, 1).get(0);
        System.out.println("generating photos…");
        List<byte[]> photos = Photos.generate(8, 4000, 3000);
        long photoBytes = photos.stream().mapToLong(p -> p.length).sum() / photos.size();

        header(command, photoBytes);

        // (a) and (b): the same files, the same concurrency, one after the other
        System.out.println("(a) uploads through gateway → photo-service → S3…");
        Throughput viaGateway = throughput(uploads, uploadConcurrency, i -> {
            byte[] photo = photos.get(i % photos.size());
            HttpResponse<String> reply = send(multipart(gateway + "/api/photos", token, "bench-" + i + ".jpg", photo));
            expect(reply, 201);
            return photo.length;
        });
        System.out.println("(b) the same files PUT straight into S3Mock…");
        Throughput direct = throughput(uploads, uploadConcurrency, i -> {
            byte[] photo = photos.get(i % photos.size());
            expect(send(HttpRequest.newBuilder(URI.create(s3 + "/" + bucket + "/bench/" + UUID.randomUUID() + ".jpg"))
                    .timeout(Duration.ofMinutes(2))
                    .header("Content-Type", "image/jpeg")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(photo)).build()), 200);
            return photo.length;
        });
        report.append("""
                ## (a)/(b) Upload throughput: through the system versus straight into S3

                %d uploads of the same %d camera-like JPEGs (4000×3000, %.1f MB on average, EXIF + GPS), %d at a time.

                | path | uploads/s | MB/s | p50 | p95 | errors |
                |---|---|---|---|---|---|
                | (a) gateway → photo-service → S3Mock (multipart POST, streamed) | %.2f | %.1f | %d ms | %d ms | %d |
                | (b) PUT straight into S3Mock | %.2f | %.1f | %d ms | %d ms | %d |

                **a/b = %.2f** (MB/s through the system ÷ MB/s straight into the emulator). thumbnail-service renders
                every photo uploaded through the system while this runs (it shares the two cores); the PUTs in (b) go
                under `bench/`, which it ignores.

                """.formatted(uploads, photos.size(), photoBytes / 1e6, uploadConcurrency,
                viaGateway.perSecond(), viaGateway.megabytesPerSecond(), viaGateway.percentile(50), viaGateway.percentile(95),
                viaGateway.errors.get(),
                direct.perSecond(), direct.megabytesPerSecond(), direct.percentile(50), direct.percentile(95),
                direct.errors.get(),
                viaGateway.megabytesPerSecond() / direct.megabytesPerSecond()));

        System.out.println("(c) photo-service memory during " + bigUploads + " concurrent " + bigUploadMb + " MB uploads…");
        memoryUnderBigUploads(token, photos.get(0));

        System.out.println("(d) album listing at " + listConnections + " connections…");
        Throughput listGateway = listing(gateway, token);
        Throughput listDirect = listing(photoService, token);
        report.append("""
                ## (d) Album listing at %d connections: through the gateway versus straight to photo-service

                `GET /api/photos?limit=24` (a page of 24 with presigned URLs) for %d s per target, %d connections
                each sending one request after another.

                | target | requests/s | p50 | p99 | errors |
                |---|---|---|---|---|
                | gateway → photo-service | %.0f | %d ms | %d ms | %d |
                | photo-service directly | %.0f | %d ms | %d ms | %d |

                Gateway / direct requests/s = **%.2f**.

                """.formatted(listConnections, listDuration.toSeconds(), listConnections,
                listGateway.perSecond(), listGateway.percentile(50), listGateway.percentile(99), listGateway.errors.get(),
                listDirect.perSecond(), listDirect.percentile(50), listDirect.percentile(99), listDirect.errors.get(),
                listGateway.perSecond() / listDirect.perSecond()));

        // (a) and (c) left a backlog of renditions to make: (e) measures the lag of new uploads, not that backlog
        System.out.println("waiting for thumbnail-service to work off the earlier uploads…");
        Backlog backlog = drainThumbnailQueue();
        System.out.println("(e) thumbnail lag at " + lagRate + " uploads/s for " + lagDuration.toSeconds() + " s…");
        thumbnailLag(token, photos, backlog);

        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report + keptSections());
        System.out.println(report);
        System.out.println("written to " + out.toAbsolutePath());
    }

    /** Sections other scripts measure (from {@value #KEPT} on, e.g. load-test/browse-benchmark.sh's) survive a rerun. */
    private String keptSections() throws IOException {
        String existing = Files.exists(out) ? Files.readString(out) : "";
        int kept = existing.indexOf(KEPT);
        return kept < 0 ? "" : "\n" + existing.substring(kept);
    }

    private static final String KEPT = "<!-- sections below are written by other scripts; Benchmarks keeps them -->";

    private void header(String command, long photoBytes) throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        report.append("""
                # Benchmarks

                Measured %s on one machine: %d cores (%s), %s, Java %s, everything on loopback against the local stack
                (S3Mock, DynamoDB Local, ElasticMQ, cognito-local) started by `./run-local.sh` (services with
                `-XX:+UseSerialGC -Xmx384m -XX:TieredStopAtLevel=1`). Reproduce with:

                ```bash
                load-test/benchmark.sh %s
                ```

                Absolute figures depend on the machine and on the emulators (S3Mock writes every object to local
                disk); the ratios compare two paths measured in the same run.

                """.formatted(Instant.now().truncatedTo(ChronoUnit.MINUTES),
                Runtime.getRuntime().availableProcessors(), cpu, memory, System.getProperty("java.version"), command));
    }

    private void memoryUnderBigUploads(String token, byte[] photo) throws Exception {
        ProcessHandle service = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("photo-service.jar") && !c.contains("18082")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no running photo-service.jar found"));
        byte[] big = Arrays.copyOf(photo, bigUploadMb * 1024 * 1024); // a real JPEG, zero-padded after its end
        Sample before = sample(service.pid());
        AtomicLong maxHeap = new AtomicLong();
        AtomicLong maxRss = new AtomicLong();
        ExecutorService sampler = Executors.newSingleThreadExecutor();
        AtomicInteger running = new AtomicInteger(1);
        Future<?> sampling = sampler.submit(() -> {
            while (running.get() == 1) {
                Sample now = sample(service.pid());
                maxHeap.accumulateAndGet(now.heapUsedKb, Math::max);
                maxRss.accumulateAndGet(now.rssKb, Math::max);
                sleep(200);
            }
        });
        Throughput result;
        try {
            result = throughput(bigUploads, bigUploads, i -> {
                expect(send(multipart(gateway + "/api/photos", token, "big-" + i + ".jpg", big)), 201);
                return big.length;
            });
        }
        finally {
            running.set(0);
            sampling.get(30, TimeUnit.SECONDS);
            sampler.shutdown();
        }
        Sample after = sample(service.pid());
        report.append("""
                ## (c) photo-service memory during %d concurrent %d MB uploads

                %d uploads of %d MB each, all at once through the gateway (%.1f GB in total, %.1f s, %.0f MB/s,
                %d failed);
                photo-service's heap (`jcmd GC.heap_info`, used) and resident memory (`/proc/<pid>/status` VmRSS)
                sampled every 200 ms.

                | | heap used | RSS |
                |---|---|---|
                | before | %d MB | %d MB |
                | highest while uploading | %d MB | %d MB |
                | after | %d MB | %d MB |

                The heap is capped at 384 MB (`run-local.sh`); %d uploads × %d MB = %d MB of bodies never sit in it.

                """.formatted(bigUploads, bigUploadMb, bigUploads, bigUploadMb, bigUploads * (double) big.length / 1e9,
                result.seconds, result.megabytesPerSecond(), result.errors.get(),
                before.heapUsedKb / 1024, before.rssKb / 1024, maxHeap.get() / 1024, maxRss.get() / 1024,
                after.heapUsedKb / 1024, after.rssKb / 1024, bigUploads, bigUploadMb, bigUploads * bigUploadMb));
    }

    private Throughput listing(String base, String token) throws Exception {
        long deadline = System.nanoTime() + listDuration.toNanos();
        Throughput result = new Throughput();
        ExecutorService pool = Executors.newFixedThreadPool(listConnections);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        for (int c = 0; c < listConnections; c++) {
            pool.execute(() -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/photos?limit=24"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token).GET().build();
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> reply = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (reply.statusCode() == 200) {
                            result.record(System.nanoTime() - t0, reply.body().length);
                        }
                        else {
                            result.errors.incrementAndGet();
                        }
                    }
                    catch (IOException e) {
                        result.errors.incrementAndGet();
                    }
                    catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(listDuration.toSeconds() + 60, TimeUnit.SECONDS);
        result.seconds = (System.nanoTime() - start) / 1e9;
        return result;
    }

    private record Backlog(int messages, double seconds) {
    }

    /** Waits (at most 15 minutes) until the thumbnail queue has no message, visible or in flight. */
    private Backlog drainThumbnailQueue() throws Exception {
        long start = System.nanoTime();
        int initial = -1;
        while (System.nanoTime() - start < TimeUnit.MINUTES.toNanos(15)) {
            int depth = queueDepth();
            if (initial < 0) {
                initial = depth;
            }
            if (depth == 0) {
                return new Backlog(initial, (System.nanoTime() - start) / 1e9);
            }
            sleep(500);
        }
        throw new IllegalStateException("the thumbnail queue did not drain within 15 minutes");
    }

    private static final Pattern ATTRIBUTE = Pattern.compile(
            "<Name>(ApproximateNumberOfMessages(?:NotVisible|Delayed)?)</Name>\\s*<Value>(\\d+)</Value>");

    /** Visible + in flight + delayed, from the SQS query API (ElasticMQ locally). */
    private int queueDepth() throws IOException, InterruptedException {
        HttpResponse<String> reply = send(HttpRequest.newBuilder(URI.create(
                thumbnailQueue + "?Action=GetQueueAttributes&AttributeName.1=All")).GET().build());
        expect(reply, 200);
        Matcher attribute = ATTRIBUTE.matcher(reply.body());
        int depth = 0;
        int found = 0;
        while (attribute.find()) {
            depth += Integer.parseInt(attribute.group(2));
            found++;
        }
        if (found == 0) {
            throw new IllegalStateException("no queue depth in: " + reply.body());
        }
        return depth;
    }

    private void thumbnailLag(String token, List<byte[]> photos, Backlog backlog) throws Exception {
        int count = (int) Math.max(1, lagRate * lagDuration.toSeconds());
        long intervalNanos = (long) (1e9 / lagRate);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(32, count));
        List<Future<Long>> lags = new ArrayList<>();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            byte[] photo = photos.get(i % photos.size());
            int n = i;
            lags.add(pool.submit(() -> {
                HttpResponse<String> reply = send(multipart(gateway + "/api/photos", token, "lag-" + n + ".jpg", photo));
                expect(reply, 201);
                long uploaded = System.nanoTime();
                String id = JSON.readTree(reply.body()).path("id").asString();
                while (System.nanoTime() - uploaded < TimeUnit.SECONDS.toNanos(120)) {
                    JsonNode current = JSON.readTree(send(HttpRequest.newBuilder(URI.create(gateway + "/api/photos/" + id))
                            .header("Authorization", "Bearer " + token).GET().build()).body());
                    String status = current.path("status").asString();
                    if ("READY".equals(status)) {
                        return (System.nanoTime() - uploaded) / 1_000_000;
                    }
                    if ("FAILED".equals(status)) {
                        failed.incrementAndGet();
                        return -1L;
                    }
                    sleep(50);
                }
                failed.incrementAndGet();
                return -1L;
            }));
        }
        List<Long> done = new ArrayList<>();
        for (Future<Long> lag : lags) {
            try {
                long ms = lag.get(5, TimeUnit.MINUTES);
                if (ms >= 0) {
                    done.add(ms);
                }
            }
            catch (ExecutionException e) {
                failed.incrementAndGet();
                System.err.println("lag upload failed: " + e.getCause());
            }
        }
        pool.shutdown();
        Collections.sort(done);
        report.append("""
                ## (e) Thumbnail lag at a sustained upload rate

                %d uploads at %.1f per second (camera-like 12-megapixel JPEGs) through the gateway; for each, the time
                from the upload's 201 to the photo reading READY through the API (polled every 50 ms), so it
                includes S3's event → SQS → thumbnail-service → both renditions → DynamoDB.

                | READY | p50 | p95 | max | not READY within 2 min |
                |---|---|---|---|---|
                | %d of %d | %d ms | %d ms | %d ms | %d |

                thumbnail-service runs with one worker per core (2 here) and shares the cores with everything else.
                Before this step it worked off the backlog that (a) to (d) left: the queue held %d S3 events (originals
                still to render, plus the events of renditions and of (b)'s PUTs, which it acknowledges without work;
                locally every write sends one) and was empty %.0f s later, so these uploads start on an empty queue.

                """.formatted(count, lagRate, done.size(), count, percentile(done, 50), percentile(done, 95),
                done.isEmpty() ? 0 : done.get(done.size() - 1), failed.get(), backlog.messages(), backlog.seconds()));
    }

    // ---- plumbing

    private Throughput throughput(int count, int concurrency, Job job) throws Exception {
        Throughput result = new Throughput();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    try {
                        long bytes = job.run(i);
                        result.record(System.nanoTime() - t0, bytes);
                    }
                    catch (IOException | IllegalStateException e) {
                        result.errors.incrementAndGet();
                        System.err.println("request " + i + " failed: " + e.getMessage());
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
        result.seconds = (System.nanoTime() - start) / 1e9;
        return result;
    }

    private HttpRequest multipart(String url, String token, String fileName, byte[] file) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(file.length + 512);
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\nbench\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> reply, int status) {
        if (reply.statusCode() != status) {
            throw new IllegalStateException(reply.request().method() + " " + reply.request().uri() + " answered "
                    + reply.statusCode() + ": " + reply.body());
        }
    }

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    /** Heap used from {@code jcmd GC.heap_info} (generations only, not metaspace) and VmRSS. */
    private static Sample sample(long pid) {
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            String text = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(10, TimeUnit.SECONDS);
            long heap = 0;
            for (String line : text.split("\n")) {
                if (line.contains("total") && !line.trim().startsWith("Metaspace") && !line.trim().startsWith("class space")) {
                    Matcher used = USED.matcher(line);
                    if (used.find()) {
                        heap += Long.parseLong(used.group(1));
                    }
                }
            }
            long rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
            return new Sample(heap, rss);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private record Sample(long heapUsedKb, long rssKb) {
    }

    @FunctionalInterface
    private interface Job {
        /** One request; returns the bytes it moved. */
        long run(int index) throws Exception;
    }

    private static final class Throughput {
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        final AtomicLong bytes = new AtomicLong();
        final AtomicInteger errors = new AtomicInteger();
        double seconds;

        void record(long nanos, long moved) {
            latencies.add(nanos / 1_000_000);
            bytes.addAndGet(moved);
        }

        double perSecond() {
            return latencies.size() / seconds;
        }

        double megabytesPerSecond() {
            return bytes.get() / 1e6 / seconds;
        }

        long percentile(int p) {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return Benchmarks.percentile(sorted, p);
        }
    }

    static {
        Locale.setDefault(Locale.ROOT);
    }
}
