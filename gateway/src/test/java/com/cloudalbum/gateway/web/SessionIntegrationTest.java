package com.cloudalbum.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.cloudalbum.common.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
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
 * The web app's cookie session against a stub user-service that answers the token endpoints like
 * the real one and echoes what reaches it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class SessionIntegrationTest {

    private static final String CLIENT = "test-client";
    private static final String MARKER = "X-Requested-With";
    private static final List<String> SIGN_OUTS = new CopyOnWriteArrayList<>();
    private static final DisposableServer STUB = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(routes -> routes
                    .get("/pool/.well-known/jwks.json", (request, response) -> response
                            .header("Content-Type", "application/json")
                            .sendString(Mono.fromSupplier(() -> tokens().jwks())))
                    .post("/api/auth/signin", (request, response) -> request.receive().aggregate().asString()
                            .flatMap(body -> body.contains("\"Good-pass1!\"")
                                    ? response.header("Content-Type", "application/json")
                                            .sendString(Mono.just("{\"accessToken\":\"" + tokens().valid("user-1")
                                                    + "\",\"idToken\":\"id\",\"refreshToken\":\"refresh-1\",\"expiresIn\":3600,"
                                                    + "\"tokenType\":\"Bearer\"}")).then()
                                    : response.status(401).header("Content-Type", "application/problem+json")
                                            .sendString(Mono.just("{\"type\":\"/problems/wrong-credentials\",\"status\":401}")).then()))
                    .post("/api/auth/refresh", (request, response) -> request.receive().aggregate().asString()
                            .flatMap(body -> body.contains("\"refresh-1\"")
                                    ? response.header("Content-Type", "application/json")
                                            .sendString(Mono.just("{\"accessToken\":\"" + tokens().valid("user-1")
                                                    + "\",\"expiresIn\":1800,\"tokenType\":\"Bearer\"}")).then()
                                    : response.status(401).header("Content-Type", "application/problem+json")
                                            .sendString(Mono.just("{\"type\":\"/problems/invalid-refresh-token\",\"status\":401}")).then()))
                    .post("/api/auth/signout", (request, response) -> request.receive().aggregate().asString().defaultIfEmpty("")
                            .flatMap(body -> {
                                SIGN_OUTS.add(request.requestHeaders().get("Authorization") + " " + body);
                                return body.contains("refresh-unconfirmed")
                                        ? response.status(503).header("Content-Type", "application/problem+json")
                                                .header("Retry-After", "5")
                                                .sendString(Mono.just("{\"type\":\"/problems/sign-out-not-confirmed\",\"status\":503}"))
                                                .then()
                                        : response.status(204).send().then();
                            }))
                    .route(request -> request.uri().startsWith("/api/users/me"), (request, response) -> response
                            .header("Content-Type", "application/json")
                            .sendString(Mono.just("{\"method\":\"" + request.method() + "\",\"authorization\":\""
                                    + request.requestHeaders().get("Authorization") + "\",\"cookie\":\""
                                    + request.requestHeaders().get("Cookie") + "\"}"))))
            .bindNow();
    private static TestTokens tokens;

    @Autowired
    WebTestClient client;

    static synchronized TestTokens tokens() {
        if (tokens == null) {
            tokens = TestTokens.withNewKey("http://127.0.0.1:" + STUB.port() + "/pool", CLIENT);
        }
        return tokens;
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws Exception {
        registry.add("album.gateway.user-service-uri", () -> "http://127.0.0.1:" + STUB.port());
        registry.add("album.security.issuer", () -> "http://127.0.0.1:" + STUB.port() + "/pool");
        registry.add("album.security.client-ids", () -> CLIENT);
        try (ServerSocket closed = new ServerSocket(0)) {
            int port = closed.getLocalPort();
            registry.add("album.gateway.photo-service-uri", () -> "http://127.0.0.1:" + port);
        }
    }

    @AfterAll
    static void stopStub() {
        STUB.disposeNow();
    }

    @BeforeEach
    void forgetSignOuts() {
        SIGN_OUTS.clear();
    }

    @Test
    void signIn_withGoodCredentials_setsHttpOnlyStrictCookiesAndReturnsNoToken() {
        var result = signIn("Good-pass1!").expectStatus().isNoContent().expectBody().returnResult();

        assertThat(result.getResponseBody()).isNull();
        ResponseCookie access = result.getResponseCookies().getFirst(SessionCookies.ACCESS);
        ResponseCookie refresh = result.getResponseCookies().getFirst(SessionCookies.REFRESH);
        assertThat(access).isNotNull();
        assertThat(access.isHttpOnly()).isTrue();
        assertThat(access.getSameSite()).isEqualTo("Strict");
        assertThat(access.getPath()).isEqualTo("/api");
        assertThat(access.getMaxAge().toSeconds()).isEqualTo(3600);
        assertThat(access.isSecure()).as("plain HTTP here").isFalse();
        assertThat(refresh).isNotNull();
        assertThat(refresh.getValue()).isEqualTo("refresh-1");
        assertThat(refresh.isHttpOnly()).isTrue();
        assertThat(refresh.getSameSite()).isEqualTo("Strict");
        assertThat(refresh.getPath()).isEqualTo("/api/session");
    }

    @Test
    void signIn_behindTlsTerminatingBalancer_setsSecureCookies() {
        var result = client.post().uri("/api/session").header(MARKER, "CloudAlbum").header("X-Forwarded-Proto", "https")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"a@example.com\",\"password\":\"Good-pass1!\"}")
                .exchange().expectStatus().isNoContent().expectBody().returnResult();

        assertThat(result.getResponseCookies().getFirst(SessionCookies.ACCESS).isSecure()).isTrue();
        assertThat(result.getResponseCookies().getFirst(SessionCookies.REFRESH).isSecure()).isTrue();
    }

    @Test
    void signIn_withWrongPassword_relaysTheProblemAndSetsNoCookie() {
        var result = signIn("wrong").expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/wrong-credentials").returnResult();

        assertThat(result.getResponseCookies()).isEmpty();
    }

    @Test
    void signIn_withoutTheMarkerHeader_returns403Problem() {
        client.post().uri("/api/session").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"a@example.com\",\"password\":\"Good-pass1!\"}")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/csrf");
    }

    @Test
    void apiCall_withAccessCookie_reachesTheServiceAsBearerTokenWithoutCookies() {
        client.get().uri("/api/users/me")
                .cookie(SessionCookies.ACCESS, tokens().valid("user-1"))
                .cookie("other", "x")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.authorization").value(value -> assertThat((String) value).startsWith("Bearer ey"))
                .jsonPath("$.cookie").isEqualTo("null");
    }

    @Test
    void unsafeApiCall_withAccessCookieAndMarker_isForwarded() {
        client.patch().uri("/api/users/me").header(MARKER, "CloudAlbum")
                .cookie(SessionCookies.ACCESS, tokens().valid("user-1"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"n\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.method").isEqualTo("PATCH");
    }

    @Test
    void unsafeApiCall_withAccessCookieButWithoutMarker_returns403Problem() {
        client.patch().uri("/api/users/me")
                .cookie(SessionCookies.ACCESS, tokens().valid("user-1"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"n\"}")
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/csrf");
    }

    @Test
    void unsafeApiCall_withBearerHeader_needsNoMarker() {
        client.patch().uri("/api/users/me")
                .headers(h -> h.setBearerAuth(tokens().valid("user-1")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"n\"}")
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void apiCall_withExpiredAccessCookie_returns401InvalidToken() {
        String expired = tokens().sign(tokens().claims("user-1")
                .expirationTime(new Date(System.currentTimeMillis() - 3_600_000)).build());

        client.get().uri("/api/users/me").cookie(SessionCookies.ACCESS, expired).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value("WWW-Authenticate", value -> assertThat(value).contains("invalid_token"));
    }

    @Test
    void apiCall_withGarbageInTheAccessCookie_returns401() {
        client.get().uri("/api/users/me").cookie(SessionCookies.ACCESS, "not!a!token").exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void publicPath_withStaleAccessCookie_isNotRefused() {
        signIn("Good-pass1!").expectStatus().isNoContent();
        client.post().uri("/api/session").header(MARKER, "CloudAlbum")
                .cookie(SessionCookies.ACCESS, "stale.stale.stale")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"a@example.com\",\"password\":\"Good-pass1!\"}")
                .exchange()
                .expectStatus().isNoContent();
    }

    @Test
    void refresh_withRefreshCookie_setsANewAccessCookie() {
        var result = client.post().uri("/api/session/refresh").header(MARKER, "CloudAlbum")
                .cookie(SessionCookies.REFRESH, "refresh-1")
                .exchange()
                .expectStatus().isNoContent()
                .expectBody().returnResult();

        ResponseCookie access = result.getResponseCookies().getFirst(SessionCookies.ACCESS);
        assertThat(access.getValue()).startsWith("ey");
        assertThat(access.getMaxAge().toSeconds()).isEqualTo(1800);
        assertThat(result.getResponseCookies().getFirst(SessionCookies.REFRESH)).as("kept as it is").isNull();
    }

    @Test
    void refresh_withRevokedRefreshToken_returns401AndClearsTheCookies() {
        var result = client.post().uri("/api/session/refresh").header(MARKER, "CloudAlbum")
                .cookie(SessionCookies.REFRESH, "revoked")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-refresh-token").returnResult();

        assertThat(result.getResponseCookies().getFirst(SessionCookies.ACCESS).getMaxAge()).isZero();
        assertThat(result.getResponseCookies().getFirst(SessionCookies.REFRESH).getMaxAge()).isZero();
    }

    @Test
    void refresh_withoutCookie_returns401Problem() {
        client.post().uri("/api/session/refresh").header(MARKER, "CloudAlbum").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-refresh-token");
    }

    @Test
    void signOut_revokesTheRefreshTokenAndClearsBothCookies() {
        String access = tokens().valid("user-1");
        var result = client.delete().uri("/api/session").header(MARKER, "CloudAlbum")
                .cookie(SessionCookies.ACCESS, access)
                .cookie(SessionCookies.REFRESH, "refresh-1")
                .exchange()
                .expectStatus().isNoContent()
                .expectBody().returnResult();

        assertThat(SIGN_OUTS).containsExactly("Bearer " + access + " {\"refreshToken\":\"refresh-1\"}");
        assertThat(result.getResponseCookies().getFirst(SessionCookies.ACCESS).getMaxAge()).isZero();
        assertThat(result.getResponseCookies().getFirst(SessionCookies.REFRESH).getMaxAge()).isZero();
    }

    @Test
    void signOut_whenUserServiceCannotConfirm_returnsIts503ProblemAndStillClearsBothCookies() {
        var result = client.delete().uri("/api/session").header(MARKER, "CloudAlbum")
                .cookie(SessionCookies.ACCESS, tokens().valid("user-1"))
                .cookie(SessionCookies.REFRESH, "refresh-unconfirmed")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectBody().jsonPath("$.type").isEqualTo("/problems/sign-out-not-confirmed").returnResult();

        assertThat(result.getResponseCookies().getFirst(SessionCookies.ACCESS).getMaxAge()).isZero();
        assertThat(result.getResponseCookies().getFirst(SessionCookies.REFRESH).getMaxAge()).isZero();
    }

    @Test
    void signOut_afterTheAccessCookieExpired_refreshesToRevoke() {
        client.delete().uri("/api/session").header(MARKER, "CloudAlbum")
                .cookie(SessionCookies.REFRESH, "refresh-1")
                .exchange()
                .expectStatus().isNoContent();

        assertThat(SIGN_OUTS).singleElement().asString().startsWith("Bearer ey").endsWith("{\"refreshToken\":\"refresh-1\"}");
    }

    @Test
    void webApp_isServedWithAContentSecurityPolicy() {
        String page = client.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().value("Content-Security-Policy", policy -> assertThat(policy)
                        .contains("script-src 'self'", "img-src 'self' blob: data: http://localhost:9090 https://tile.openstreetmap.org",
                                "frame-ancestors 'none'")
                        .doesNotContain("unsafe-inline"))
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(page).contains("/webjars/leaflet/1.9.4/dist/leaflet.js");
        client.get().uri("/webjars/leaflet/1.9.4/dist/leaflet.js").exchange().expectStatus().isOk();
        client.get().uri("/webjars/leaflet/1.9.4/dist/leaflet.css").exchange().expectStatus().isOk();
        client.get().uri("/js/app.js").exchange().expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec signIn(String password) {
        return client.post().uri("/api/session").header(MARKER, "CloudAlbum")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"a@example.com\",\"password\":\"" + password + "\"}")
                .exchange();
    }
}
