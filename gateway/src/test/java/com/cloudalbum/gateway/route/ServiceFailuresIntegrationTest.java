package com.cloudalbum.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import com.cloudalbum.common.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Services behind the gateway that die in the ways a process does: a loopback server stands in for
 * photo-service and user-service, accepts each connection, reads the request head and then closes the
 * connection (FIN), resets it (RST), or never answers. Every way is a 503 problem with Retry-After.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.gateway.server.webflux.httpclient.response-timeout=2s")
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class ServiceFailuresIntegrationTest {

    private static final String CLIENT = "test-client";
    private static final DisposableServer JWKS = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(routes -> routes.get("/pool/.well-known/jwks.json", (request, response) -> response
                    .header("Content-Type", "application/json")
                    .sendString(Mono.fromSupplier(() -> tokens().jwks()))))
            .bindNow();
    private static final DyingService SERVICE = DyingService.start();
    private static TestTokens tokens;

    @Autowired
    WebTestClient client;

    static synchronized TestTokens tokens() {
        if (tokens == null) {
            tokens = TestTokens.withNewKey("http://127.0.0.1:" + JWKS.port() + "/pool", CLIENT);
        }
        return tokens;
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("album.gateway.user-service-uri", () -> "http://127.0.0.1:" + SERVICE.port());
        registry.add("album.gateway.photo-service-uri", () -> "http://127.0.0.1:" + SERVICE.port());
        registry.add("album.security.issuer", () -> "http://127.0.0.1:" + JWKS.port() + "/pool");
        registry.add("album.security.client-ids", () -> CLIENT);
    }

    @AfterEach
    void releaseHungConnections() {
        SERVICE.closeAll();
    }

    @AfterAll
    static void stop() throws IOException {
        SERVICE.stop();
        JWKS.disposeNow();
    }

    @Test
    void photoRoute_whenServiceClosesTheConnectionBeforeAnswering_returns503Problem(CapturedOutput output) {
        SERVICE.behave(Behaviour.CLOSE);

        assertServiceUnavailable(get("/api/photos"));
        assertThat(output.getOut()).contains("request answered 503").contains("route photo-service did not answer")
                .contains("PrematureCloseException");
    }

    @Test
    void photoRoute_whenServiceResetsTheConnection_returns503Problem() {
        SERVICE.behave(Behaviour.RESET);

        assertServiceUnavailable(get("/api/photos/some-id"));
    }

    @Test
    void uploadRoute_whenServiceClosesMidRequest_returns503Problem() {
        SERVICE.behave(Behaviour.CLOSE);

        assertServiceUnavailable(client.post().uri("/api/photos")
                .headers(h -> h.setBearerAuth(tokens().valid("user-1")))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[2 * 1024 * 1024])
                .exchange());
    }

    @Test
    void uploadRoute_whenServiceResetsMidRequest_returns503Problem() {
        SERVICE.behave(Behaviour.RESET);

        assertServiceUnavailable(client.post().uri("/api/photos")
                .headers(h -> h.setBearerAuth(tokens().valid("user-1")))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[2 * 1024 * 1024])
                .exchange());
    }

    /** Hung (e.g. stopped) rather than dead: Spring Cloud Gateway's own answer would be a 504. */
    @Test
    void photoRoute_whenServiceNeverAnswers_returns503ProblemAfterTheResponseTimeout() {
        SERVICE.behave(Behaviour.HANG);

        assertServiceUnavailable(get("/api/photos"));
    }

    @Test
    void userRoute_whenServiceClosesTheConnection_returns503Problem() {
        SERVICE.behave(Behaviour.CLOSE);

        assertServiceUnavailable(get("/api/users/me"));
    }

    @Test
    void webSignOut_whenUserServiceDies_returns503ProblemAndStillClearsBothCookies() {
        SERVICE.behave(Behaviour.RESET);

        var result = client.delete().uri("/api/session").header("X-Requested-With", "CloudAlbum")
                .cookie("album_access", tokens().valid("user-1"))
                .cookie("album_refresh", "refresh-1")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.type").isEqualTo("/problems/service-unavailable").returnResult();

        ResponseCookie access = result.getResponseCookies().getFirst("album_access");
        ResponseCookie refresh = result.getResponseCookies().getFirst("album_refresh");
        assertThat(access.getMaxAge()).isZero();
        assertThat(refresh.getMaxAge()).isZero();
    }

    private WebTestClient.ResponseSpec get(String path) {
        return client.get().uri(path).headers(h -> h.setBearerAuth(tokens().valid("user-1"))).exchange();
    }

    private static void assertServiceUnavailable(WebTestClient.ResponseSpec response) {
        response.expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/service-unavailable")
                .jsonPath("$.status").isEqualTo(503);
    }

    enum Behaviour { CLOSE, RESET, HANG }

    /** A raw loopback server that reads a request's head and then fails the way it is told. */
    static final class DyingService {

        private final ServerSocket server;
        private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "dying-service");
            thread.setDaemon(true);
            return thread;
        });
        private final AtomicReference<Behaviour> behaviour = new AtomicReference<>(Behaviour.CLOSE);
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        private DyingService(ServerSocket server) {
            this.server = server;
        }

        static DyingService start() {
            try {
                DyingService service = new DyingService(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
                service.workers.execute(service::acceptLoop);
                return service;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        int port() {
            return server.getLocalPort();
        }

        void behave(Behaviour next) {
            behaviour.set(next);
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    open.add(socket);
                    workers.execute(() -> fail(socket));
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private void fail(Socket socket) {
            try {
                readHead(socket.getInputStream());
                switch (behaviour.get()) {
                    case CLOSE -> socket.close();
                    case RESET -> {
                        socket.setSoLinger(true, 0);
                        socket.close();
                    }
                    case HANG -> {
                        // keeps the connection open without a byte back until the test ends
                    }
                }
            } catch (IOException e) {
                // the gateway hung up first
            }
        }

        private static void readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int b;
            while (head.length() < 65_536 && (b = in.read()) != -1) {
                head.append((char) b);
                if (head.toString().endsWith("\r\n\r\n")) {
                    return;
                }
            }
        }

        void closeAll() {
            for (Socket socket : open) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // already gone
                }
            }
            open.clear();
        }

        void stop() throws IOException {
            server.close();
            closeAll();
            workers.shutdownNow();
        }
    }
}
