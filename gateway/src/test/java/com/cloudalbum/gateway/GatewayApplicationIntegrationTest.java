package com.cloudalbum.gateway;

import java.net.ServerSocket;

import com.cloudalbum.common.test.ServiceConventionsContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** Routes against a stub user-service on a random port; photo-service points at a closed port. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class GatewayApplicationIntegrationTest extends ServiceConventionsContract {

    private static final DisposableServer USER_SERVICE = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(routes -> routes.get("/api/users/me", (request, response) -> response
                    .header("Content-Type", "application/json")
                    .sendString(reactor.core.publisher.Mono.just("{\"from\":\"user-service\",\"path\":\""
                            + request.uri() + "\"}"))))
            .bindNow();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws Exception {
        registry.add("album.gateway.user-service-uri", () -> "http://127.0.0.1:" + USER_SERVICE.port());
        try (ServerSocket closed = new ServerSocket(0)) {
            int port = closed.getLocalPort();
            registry.add("album.gateway.photo-service-uri", () -> "http://127.0.0.1:" + port);
        }
    }

    @AfterAll
    static void stopStub() {
        USER_SERVICE.disposeNow();
    }

    @Test
    void userRoute_forwardsToUserService() {
        client.get().uri("/api/users/me?x=1").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.from").isEqualTo("user-service")
                .jsonPath("$.path").isEqualTo("/api/users/me?x=1");
    }

    @Test
    void photoRoute_whenServiceDown_returns503Problem() {
        client.get().uri("/api/photos").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.type").isEqualTo("/problems/service-unavailable");
    }
}
