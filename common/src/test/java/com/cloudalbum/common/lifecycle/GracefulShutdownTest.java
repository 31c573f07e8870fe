package com.cloudalbum.common.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The settings every service's application.yml uses: a request in flight at shutdown still completes. */
class GracefulShutdownTest {

    static final CountDownLatch REQUEST_ARRIVED = new CountDownLatch(1);

    @Test
    void close_whileRequestInFlight_letsTheRequestFinish() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SlowApp.class)
                .properties("server.port=0", "server.shutdown=graceful",
                        "spring.lifecycle.timeout-per-shutdown-phase=10s",
                        "album.security.issuer=http://127.0.0.1:1/pool", "album.security.client-ids=test")
                .run();
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(REQUEST_ARRIVED.await(10, TimeUnit.SECONDS)).isTrue();

        context.close();

        HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("done");
    }

    @SpringBootApplication
    @Import(SlowController.class)
    static class SlowApp {
    }

    @RestController
    static class SlowController {

        @GetMapping("/slow")
        Mono<String> slow() {
            REQUEST_ARRIVED.countDown();
            return Mono.delay(Duration.ofMillis(1500)).thenReturn("done");
        }
    }
}
