package com.cloudalbum.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.cloudalbum.common.aws.AwsClientsAutoConfiguration;
import com.cloudalbum.common.test.TestSpans;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.reactor.autoconfigure.ReactorAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/** Boot's OpenTelemetry tracing with this module's X-Ray parts, against a fake DynamoDB that records headers. */
class TracingAutoConfigurationTest {

    private HttpServer dynamo;
    private final List<String> traceHeaders = new CopyOnWriteArrayList<>();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ReactorAutoConfiguration.class, ObservationAutoConfiguration.class,
                    MicrometerTracingAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class, TracingAutoConfiguration.class))
            .withBean(TestSpans.class)
            .withPropertyValues("spring.application.name=test-service", "spring.reactor.context-propagation=auto",
                    "management.tracing.sampling.probability=1.0");

    /** With the SDK clients (whose shared Netty client takes ~2 s to close). */
    private final ApplicationContextRunner withAws = runner
            .withConfiguration(AutoConfigurations.of(AwsClientsAutoConfiguration.class))
            .withPropertyValues("album.aws.http.max-attempts=1", "album.aws.credentials.access-key-id=test",
                    "album.aws.credentials.secret-access-key=test");

    @BeforeEach
    void fakeDynamoDb() throws IOException {
        dynamo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        dynamo.createContext("/", exchange -> {
            traceHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Amzn-Trace-Id")));
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"TableNames\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        dynamo.start();
    }

    @AfterEach
    void stop() {
        dynamo.stop(0);
    }

    @Test
    void propagators_writeXrayAndW3cHeaders() {
        runner.run(context -> {
            Span span = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("work").setSpanKind(SpanKind.SERVER)
                    .startSpan();
            Map<String, String> headers = new HashMap<>();
            context.getBean(ContextPropagators.class).getTextMapPropagator()
                    .inject(Context.root().with(span), headers, Map::put);
            span.end();

            String traceId = span.getSpanContext().getTraceId();
            assertThat(headers).containsEntry("X-Amzn-Trace-Id", TestSpans.xrayHeader(traceId, span.getSpanContext().getSpanId()))
                    .containsEntry("traceparent", "00-" + traceId + "-" + span.getSpanContext().getSpanId() + "-01");
        });
    }

    @Test
    void traceIds_startWithTheEpochSecond_asXrayRequires() {
        runner.run(context -> {
            Span span = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("work").startSpan();
            span.end();

            long seconds = Long.parseLong(span.getSpanContext().getTraceId().substring(0, 8), 16);
            assertThat(seconds).isCloseTo(Instant.now().getEpochSecond(), Offset.offset(60L));
        });
    }

    /** The call runs on a timer thread, not the one that started the work: Reactor must carry the span there. */
    @Test
    void sdkCall_afterAThreadHop_isAClientSpanOfTheWork_andSendsItsXrayHeader() {
        assertCallAfterHopInTrace(withAws, client -> Mono.fromFuture(() -> client.listTables()));
    }

    /** photo-service's and the gateway's setting: nothing restores the span but {@link TraceScope#future}. */
    @Test
    void sdkCall_afterAThreadHop_withLimitedPropagation_throughTraceScope_isAClientSpanOfTheWork() {
        // an auto context started earlier in this JVM leaves Reactor's global hook on; limited does not turn it off
        Hooks.disableAutomaticContextPropagation();
        assertCallAfterHopInTrace(withAws.withPropertyValues("spring.reactor.context-propagation=limited"),
                client -> TraceScope.future(() -> client.listTables()));
    }

    /** The control for the one above: under limited, a plain lazy future after a hop is made outside the trace. */
    @Test
    void sdkCall_afterAThreadHop_withLimitedPropagation_withoutTraceScope_leavesTheTrace() {
        Hooks.disableAutomaticContextPropagation();
        withAws.withPropertyValues("spring.reactor.context-propagation=limited",
                "album.aws.endpoints.dynamodb=http://127.0.0.1:" + dynamo.getAddress().getPort())
                .run(context -> {
                    SpanData workSpan = callAfterHop(context, client -> Mono.fromFuture(() -> client.listTables()));

                    TestSpans spans = context.getBean(TestSpans.class);
                    assertThat(spans.all()).noneMatch(span -> span.getTraceId().equals(workSpan.getTraceId())
                            && span.getName().equals("DynamoDb.ListTables"));
                    assertThat(traceHeaders).singleElement().asString().doesNotContain(workSpan.getTraceId().substring(8));
                });
    }

    private void assertCallAfterHopInTrace(ApplicationContextRunner aws, Function<DynamoDbAsyncClient, Mono<?>> call) {
        aws.withPropertyValues("album.aws.endpoints.dynamodb=http://127.0.0.1:" + dynamo.getAddress().getPort())
                .run(context -> {
                    SpanData workSpan = callAfterHop(context, call);

                    SpanData sdkCall = context.getBean(TestSpans.class).await(span -> span.getName().equals("DynamoDb.ListTables"));
                    assertThat(sdkCall.getKind()).isEqualTo(SpanKind.CLIENT);
                    assertThat(sdkCall.getTraceId()).isEqualTo(workSpan.getTraceId());
                    assertThat(sdkCall.getParentSpanId()).isEqualTo(workSpan.getSpanId());
                    assertThat(traceHeaders).containsExactly(TestSpans.xrayHeader(sdkCall.getTraceId(), sdkCall.getSpanId()));
                });
    }

    /** Runs {@code call} on a timer thread inside an observed piece of work; returns the work's span. */
    private static SpanData callAfterHop(ApplicationContext context, Function<DynamoDbAsyncClient, Mono<?>> call) {
        DynamoDbAsyncClient client = context.getBean(DynamoDbAsyncClient.class);
        Observation work = Observation.start("test.work", context.getBean(ObservationRegistry.class));
        Mono.delay(Duration.ofMillis(5))
                .then(call.apply(client))
                .contextWrite(reactor -> reactor.put(ObservationThreadLocalAccessor.KEY, work))
                .block(Duration.ofSeconds(10));
        work.stop();
        return context.getBean(TestSpans.class).await(span -> span.getName().equals("test.work"));
    }

    @Test
    void sdkCall_outsideAnyWork_leavesNoTrace() {
        withAws.withPropertyValues("album.aws.endpoints.dynamodb=http://127.0.0.1:" + dynamo.getAddress().getPort())
                .run(context -> {
                    context.getBean(DynamoDbAsyncClient.class).listTables().get();

                    assertThat(context.getBean(TestSpans.class).all()).isEmpty();
                    assertThat(traceHeaders).singleElement().asString().endsWith(";Sampled=0");
                });
    }
}
