package com.cloudalbum.common.config;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The training run of a JDK 25 AOT cache ({@code -XX:AOTCacheOutput}): with {@code album.aot-training=true} the
 * service, once ready, asks itself what the load balancer and a first client ask (readiness, liveness, an API call
 * without and with a malformed token), then exits. Exiting on refresh, as before, left the classes and profiles of
 * the first requests out of the cache: the first readiness answer came about 0.5 s after "Started". Nothing outside
 * the process is called, so the image build needs no AWS and no local stack.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty("album.aot-training")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class AotTrainingAutoConfiguration {

    public static final List<String> PATHS = List.of("/actuator/health/readiness", "/actuator/health/liveness",
            "/api/aot-training", "/api/aot-training");
    public static final int ROUNDS = 3;
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(AotTrainingAutoConfiguration.class);

    @Bean
    ApplicationListener<ApplicationReadyEvent> aotTrainingRun() {
        return event -> {
            ConfigurableApplicationContext context = event.getApplicationContext();
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            // its own thread: the main thread returns and the server keeps answering
            new Thread(() -> {
                List<Integer> statuses = train(port);
                log.info("AOT training run: asked {} {} times, answers {}; exiting", PATHS, ROUNDS, statuses);
                System.exit(SpringApplication.exit(context));
            }, "aot-training").start();
        };
    }

    /**
     * Asks the service on {@code port} the training requests; their status codes in order, -1 for one that failed
     * (the services' contract test runs it). A connection per request, closed after it: nothing is left to reuse.
     */
    public static List<Integer> train(int port) {
        List<Integer> statuses = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < PATHS.size(); i++) {
                statuses.add(status(port, PATHS.get(i), i == PATHS.size() - 1));
            }
        }
        return statuses;
    }

    private static int status(int port, String path, boolean malformedToken) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            connection.setRequestProperty("Connection", "close");
            if (malformedToken) {
                connection.setRequestProperty("Authorization", "Bearer not.a.token");
            }
            return connection.getResponseCode();
        } catch (IOException e) {
            log.warn("AOT training request failed [path={}]: {}", path, e.toString());
            return -1;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
