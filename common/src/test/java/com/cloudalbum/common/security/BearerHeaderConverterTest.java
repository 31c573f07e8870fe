package com.cloudalbum.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import reactor.core.publisher.Mono;

class BearerHeaderConverterTest {

    private final ServerAuthenticationConverter ours = new BearerHeaderConverter();
    private final ServerAuthenticationConverter springs = new ServerBearerTokenAuthenticationConverter();

    @Test
    void convert_readsEveryHeaderAsSpringSecuritysConverterDoes() {
        List<String> headers = new ArrayList<>(List.of("Bearer abc", "bearer abc", "BEARER a.b-c_d~e+f/g==", "Bearer  abc",
                "Bearer abc=def", "Bearer", "Bearer ", "Bearer =", "Bearerabc", "Bearer a b", "Bearer abc\t", "Basic dXNlcjpw",
                "bearerX", "Bearer é", "Bearer abc==", "Bearer ab==c", "", " Bearer abc", "Token abc"));
        Random random = new Random(7);
        String alphabet = "aZ09-._~+/= \tBearéb";
        for (int n = 0; n < 5_000; n++) {
            StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : "bEaReR");
            for (int k = random.nextInt(8); k > 0; k--) {
                header.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            headers.add(header.toString());
        }
        for (String header : headers) {
            assertThat(outcome(ours, header)).as("Authorization: %s", header).isEqualTo(outcome(springs, header));
        }
    }

    @Test
    void convert_withoutAuthorizationHeader_isNoToken() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/photos?access_token=abc"));

        assertThat(ours.convert(exchange).blockOptional()).isEmpty();
    }

    @Test
    void convert_malformedBearer_isInvalidToken() {
        assertThat(outcome(ours, "Bearer a b")).isEqualTo("error invalid_token");
        assertThat(outcome(ours, "Bearer abc.def==")).isEqualTo("token abc.def==");
    }

    private static String outcome(ServerAuthenticationConverter converter, String header) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/photos")
                .header(HttpHeaders.AUTHORIZATION, header));
        return Mono.defer(() -> converter.convert(exchange))
                .map(BearerHeaderConverterTest::token)
                .onErrorResume(OAuth2AuthenticationException.class, e -> Mono.just("error " + e.getError().getErrorCode()))
                .defaultIfEmpty("none")
                .block();
    }

    private static String token(Authentication authentication) {
        return "token " + ((BearerTokenAuthenticationToken) authentication).getToken();
    }
}
