package com.cloudalbum.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.cloudalbum.common.test.LocalAws;
import com.cloudalbum.user.config.UserProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;

/** The service's configured Cognito client reaches the provisioned pool and app client (cognito-local). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class CognitoClientIntegrationTest {

    @Autowired
    CognitoIdentityProviderAsyncClient cognito;

    @Autowired
    UserProperties properties;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        LocalAws.registerEndpoints(registry);
    }

    @Test
    void signUp_thenAdminGetUser_findsTheUserWithTheGivenUsername() {
        String username = "user-" + UUID.randomUUID();

        Mono<String> flow = Mono.fromFuture(() -> cognito.signUp(r -> r
                        .clientId(properties.clientId())
                        .username(username)
                        .password("Passw0rd!long")
                        .userAttributes(AttributeType.builder().name("email").value(username + "@example.com").build())))
                .then(Mono.fromFuture(() -> cognito.adminGetUser(r -> r.userPoolId(properties.userPoolId()).username(username))))
                .map(user -> user.username());

        StepVerifier.create(flow)
                .assertNext(found -> assertThat(found).isEqualTo(username))
                .verifyComplete();
    }
}
