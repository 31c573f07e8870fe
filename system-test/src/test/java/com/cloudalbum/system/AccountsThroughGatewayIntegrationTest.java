package com.cloudalbum.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.cloudalbum.common.test.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Accounts end to end through the gateway on the embedded stack, as started by ./run-local.sh. */
@Order(1)
class AccountsThroughGatewayIntegrationTest {

    static final String ISSUER = "http://localhost:9229/local_cloudalbum";
    static final String CLIENT = "cloudalbumlocalwebclient1";
    static final String PASSWORD = "Corr3ct-horse";

    static Api gateway;
    static Api userServiceDirect;
    static TestTokens forger;

    @BeforeAll
    static void system() throws Exception {
        RunningSystem.get();
        gateway = new Api("http://localhost:8080");
        userServiceDirect = new Api("http://localhost:8081");
        forger = TestTokens.cognitoLocal(ISSUER, CLIENT);
    }

    @Test
    void account_signUpSignInMeRenamePasswordRefreshSignOut_worksThroughTheGateway() {
        String email = "ada-" + UUID.randomUUID() + "@example.com";

        Api.Reply created = gateway.json("POST", "/api/auth/signup", Map.of("email", email, "password", PASSWORD, "name", "Ada"), null);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("confirmed").asBoolean()).isTrue();
        String userId = created.text("userId");

        String access = signIn(email, PASSWORD).text("accessToken");
        Api.Reply me = gateway.get("/api/users/me", access);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(userId);
        assertThat(me.text("email")).isEqualTo(email);

        Api.Reply renamed = gateway.json("PATCH", "/api/users/me", Map.of("name", "Ada Lovelace"), access);
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.text("name")).isEqualTo("Ada Lovelace");
        assertThat(gateway.get("/api/users/me", access).text("name")).isEqualTo("Ada Lovelace");

        Api.Reply changed = gateway.json("PUT", "/api/users/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "N3w-password!"), access);
        assertThat(changed.status()).isEqualTo(204);
        assertThat(gateway.json("POST", "/api/auth/signin", Map.of("email", email, "password", PASSWORD), null).status())
                .isEqualTo(401);
        Api.Reply tokens = signIn(email, "N3w-password!");

        Api.Reply refreshed = gateway.json("POST", "/api/auth/refresh", Map.of("refreshToken", tokens.text("refreshToken")), null);
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(gateway.get("/api/users/me", refreshed.text("accessToken")).status()).isEqualTo(200);

        // cognito-local lacks GlobalSignOut: only the refresh token's revocation confirms the sign-out there
        assertThat(gateway.json("POST", "/api/auth/signout", Map.of(), refreshed.text("accessToken")).status()).isEqualTo(503);
        assertThat(gateway.json("POST", "/api/auth/signout", Map.of("refreshToken", tokens.text("refreshToken")),
                refreshed.text("accessToken")).status()).isEqualTo(204);
        assertThat(gateway.json("POST", "/api/auth/refresh", Map.of("refreshToken", tokens.text("refreshToken")), null).status())
                .isEqualTo(401);
    }

    @Test
    void signUp_badInput_eachGetsItsProblem() {
        assertProblem(gateway.send("POST", "/api/auth/signup", "application/json", "{\"email\":", null, Map.of()), 400);
        Api.Reply missing = gateway.json("POST", "/api/auth/signup", Map.of("email", "a@example.com"), null);
        assertProblem(missing, 400);
        assertThat(missing.response().body()).contains("\"password\"").contains("\"name\"");
        Api.Reply badEmail = gateway.json("POST", "/api/auth/signup", Map.of("email", "nope", "password", PASSWORD, "name", "N"), null);
        assertProblem(badEmail, 400);
        assertThat(badEmail.response().body()).contains("\"field\":\"email\"");
        Api.Reply longName = gateway.json("POST", "/api/auth/signup",
                Map.of("email", "n-" + UUID.randomUUID() + "@example.com", "password", PASSWORD, "name", "n".repeat(101)), null);
        assertProblem(longName, 400);
        assertThat(longName.response().body()).contains("\"field\":\"name\"");
        assertProblem(gateway.send("POST", "/api/auth/signup", "text/plain", "hello", null, Map.of()), 415);
    }

    @Test
    void tokenAttacks_throughTheGateway_eachGet401() {
        String email = "victim-" + UUID.randomUUID() + "@example.com";
        String userId = gateway.json("POST", "/api/auth/signup", Map.of("email", email, "password", PASSWORD, "name", "V"), null).text("userId");
        Api.Reply tokens = signIn(email, PASSWORD);
        Instant past = Instant.now().minusSeconds(7200);

        Map<String, String> attacks = new LinkedHashMap<>();
        attacks.put("garbage", "abc.def.ghi");
        attacks.put("alg none", forger.unsigned(userId));
        attacks.put("HS256 with the public key", forger.hs256WithPublicKeyAsSecret(userId));
        attacks.put("wrong issuer", forger.sign(forger.claims(userId).issuer("http://localhost:9229/other_pool").build()));
        attacks.put("expired", forger.sign(forger.claims(userId).issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(3600))).build()));
        attacks.put("ID token", tokens.text("idToken"));
        attacks.put("other app client", forger.sign(forger.claims(userId).claim("client_id", "another-client").build()));
        attacks.put("tampered payload", TestTokens.tamper(tokens.text("accessToken"), UUID.randomUUID().toString()));

        assertThat(gateway.get("/api/users/me", null).status()).as("no token").isEqualTo(401);
        attacks.forEach((name, token) -> {
            Api.Reply reply = gateway.get("/api/users/me", token);
            assertThat(reply.status()).as(name).isEqualTo(401);
            assertThat(reply.contentType()).as(name).startsWith("application/problem+json");
            assertThat(reply.header("WWW-Authenticate")).as(name).startsWith("Bearer");
        });
    }

    @Test
    void forgedIdentityHeader_changesNothing() {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        String userId = gateway.json("POST", "/api/auth/signup", Map.of("email", email, "password", PASSWORD, "name", "O"), null).text("userId");
        String access = signIn(email, PASSWORD).text("accessToken");

        Api.Reply me = gateway.send("GET", "/api/users/me", null, null, access, Map.of("X-User-Id", "someone-else"));

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(userId);
    }

    @Test
    void userServiceDirectly_withoutToken_returns401() {
        Api.Reply direct = userServiceDirect.get("/api/users/me", null);

        assertProblem(direct, 401);
        assertThat(direct.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    private static Api.Reply signIn(String email, String password) {
        Api.Reply reply = gateway.json("POST", "/api/auth/signin", Map.of("email", email, "password", password), null);
        assertThat(reply.status()).as("sign-in: %s", reply.response().body()).isEqualTo(200);
        return reply;
    }

    private static void assertProblem(Api.Reply reply, int status) {
        assertThat(reply.status()).as(reply.response().body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }
}
