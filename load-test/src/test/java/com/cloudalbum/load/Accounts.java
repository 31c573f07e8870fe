package com.cloudalbum.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/** Signs up and signs in load-test users through the public API; returns their access tokens. */
public final class Accounts {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "Load-t3st-Passw0rd";

    private Accounts() {
    }

    public static List<String> signUpAndIn(String baseUrl, int users) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> tokens = new ArrayList<>(users);
        for (int i = 0; i < users; i++) {
            String email = "load-" + UUID.randomUUID() + "@example.com";
            post(http, baseUrl + "/api/auth/signup", Map.of("email", email, "password", PASSWORD, "name", "Load " + i), 201);
            String body = post(http, baseUrl + "/api/auth/signin", Map.of("email", email, "password", PASSWORD), 200);
            tokens.add(JSON.readTree(body).path("accessToken").asString());
        }
        return tokens;
    }

    private static String post(HttpClient http, String url, Map<String, String> json, int expected) {
        try {
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(json)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != expected) {
                throw new IllegalStateException(url + " answered " + reply.statusCode() + ": " + reply.body());
            }
            return reply.body();
        }
        catch (IOException e) {
            throw new IllegalStateException("is CloudAlbum running at " + url + "? " + e, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
