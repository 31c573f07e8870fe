package com.cloudalbum.localstack.s3events;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The local stand-in for S3 event notifications, which S3Mock lacks: after a successful PutObject,
 * CopyObject, CompleteMultipartUpload or DeleteObject it sends the AWS-shaped event to SQS, with the
 * request's {@code X-Amzn-Trace-Id} as the message's {@code AWSTraceHeader}, as S3 does. Sent before
 * the request thread returns, once (at most once if SQS is down: the failure is logged).
 */
final class S3EventNotificationFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(S3EventNotificationFilter.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final S3EventProperties properties;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() << 16);

    S3EventNotificationFilter(S3EventProperties properties) {
        this.properties = properties;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        Optional<S3Operation> operation = S3Operation.of(request.getMethod(), request.getRequestURI(),
                request.getQueryString(), request.getHeader("x-amz-copy-source") != null, response.getStatus());
        if (operation.isPresent() && properties.matches(operation.get())) {
            publish(operation.get(), request.getLocalPort(), request.getHeader("X-Amzn-Trace-Id"));
        }
    }

    private void publish(S3Operation operation, int s3Port, String traceHeader) {
        try {
            S3EventJson.ObjectInfo object = operation.created() ? head(operation, s3Port) : null;
            String body = S3EventJson.of(operation, object, properties.region(),
                    String.format("%016X", sequencer.incrementAndGet()), Instant.now(),
                    UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase());
            send(body, traceHeader);
            log.info("s3 event sent [event={}, bucket={}, key={}]", operation.eventName(), operation.bucket(), operation.key());
        } catch (IOException | RuntimeException e) {
            log.error("s3 event lost [event={}, bucket={}, key={}]", operation.eventName(), operation.bucket(), operation.key(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks S3Mock itself for the stored object's size and ETag, which a multipart request does not carry. */
    private S3EventJson.ObjectInfo head(S3Operation operation, int s3Port) throws IOException, InterruptedException {
        String path = "/" + encodePath(operation.bucket()) + "/" + encodePath(operation.key());
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s3Port + path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(TIMEOUT)
                .build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IOException("HEAD " + path + " answered " + response.statusCode());
        }
        long size = response.headers().firstValueAsLong("Content-Length").orElse(0);
        String eTag = response.headers().firstValue("ETag").orElse("").replace("\"", "");
        return new S3EventJson.ObjectInfo(size, eTag);
    }

    private void send(String messageBody, String traceHeader) throws IOException, InterruptedException {
        StringBuilder json = new StringBuilder()
                .append("{\"QueueUrl\":").append(S3EventJson.quote(properties.queueUrl().toString()))
                .append(",\"MessageBody\":").append(S3EventJson.quote(messageBody));
        if (traceHeader != null && !traceHeader.isBlank()) {
            json.append(",\"MessageSystemAttributes\":{\"AWSTraceHeader\":{\"DataType\":\"String\",\"StringValue\":")
                    .append(S3EventJson.quote(traceHeader)).append("}}");
        }
        json.append('}');
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(properties.queueUrl())
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AmazonSQS.SendMessage")
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(json.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("SQS SendMessage answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static String encodePath(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }
}
