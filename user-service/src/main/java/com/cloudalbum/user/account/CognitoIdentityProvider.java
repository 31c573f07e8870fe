package com.cloudalbum.user.account;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.cloudalbum.user.config.UserProperties;
import com.cloudalbum.user.problem.UserProblems;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * Cognito through the SDK v2 async client: the same code against cognito-local and AWS. Passwords,
 * codes and tokens are passed on, never logged.
 */
@Component
class CognitoIdentityProvider implements IdentityProvider {

    private static final Logger log = LoggerFactory.getLogger(CognitoIdentityProvider.class);
    private static final Duration THROTTLE_RETRY_AFTER = Duration.ofSeconds(2);
    private static final Pattern EXP = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)");
    private static final Pattern IAT = Pattern.compile("\"iat\"\\s*:\\s*(\\d+)");

    private final CognitoIdentityProviderAsyncClient cognito;
    private final UserProperties properties;

    CognitoIdentityProvider(CognitoIdentityProviderAsyncClient cognito, UserProperties properties) {
        this.cognito = cognito;
        this.properties = properties;
    }

    @Override
    public Mono<String> signUp(String username, String email, String password, String name) {
        return call(() -> Mono.fromFuture(() -> cognito.signUp(r -> r
                        .clientId(properties.clientId())
                        .username(username)
                        .password(password)
                        .userAttributes(attribute("email", email), attribute("name", name)))))
                .map(response -> response.userSub())
                .onErrorMap(UsernameExistsException.class, e -> UserProblems.emailTaken())
                .onErrorMap(InvalidPasswordException.class,
                        e -> UserProblems.weakPassword("password", "The password does not meet the password policy."));
    }

    @Override
    public Mono<Void> confirmWithoutCode(String username) {
        return call(() -> Mono.fromFuture(() -> cognito.adminConfirmSignUp(r -> r
                        .userPoolId(properties.userPoolId())
                        .username(username))))
                .then();
    }

    @Override
    public Mono<Void> confirm(String username, String code) {
        return call(() -> Mono.fromFuture(() -> cognito.confirmSignUp(r -> r
                        .clientId(properties.clientId())
                        .username(username)
                        .confirmationCode(code))))
                .onErrorMap(e -> e instanceof CodeMismatchException || e instanceof ExpiredCodeException
                        || e instanceof UserNotFoundException, e -> UserProblems.invalidCode())
                .then();
    }

    @Override
    public Mono<Void> resendCode(String username) {
        return call(() -> Mono.fromFuture(() -> cognito.resendConfirmationCode(r -> r
                        .clientId(properties.clientId())
                        .username(username))))
                // an unknown email gets the same answer as a known one
                .onErrorResume(UserNotFoundException.class, e -> Mono.empty())
                .onErrorMap(CognitoIdentityProvider::unsupportedByEmulator, e -> UserProblems.notSupported("Resending codes"))
                .then();
    }

    @Override
    public Mono<Tokens> signIn(String username, String password) {
        return call(() -> Mono.fromFuture(() -> cognito.initiateAuth(r -> r
                        .clientId(properties.clientId())
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", username, "PASSWORD", password)))))
                .map(response -> tokens(response.authenticationResult()))
                .onErrorMap(UserNotConfirmedException.class, e -> UserProblems.unconfirmed())
                // cognito-local answers a wrong password with InvalidPasswordException, AWS with NotAuthorized
                .onErrorMap(e -> e instanceof NotAuthorizedException || e instanceof UserNotFoundException
                        || e instanceof InvalidPasswordException, e -> UserProblems.wrongCredentials());
    }

    @Override
    public Mono<Tokens> refresh(String refreshToken) {
        return call(() -> Mono.fromFuture(() -> cognito.initiateAuth(r -> r
                        .clientId(properties.clientId())
                        .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                        .authParameters(Map.of("REFRESH_TOKEN", refreshToken)))))
                .map(response -> tokens(response.authenticationResult()))
                .onErrorMap(e -> e instanceof NotAuthorizedException || e instanceof UserNotFoundException
                        || (e instanceof SdkServiceException s && s.statusCode() == 400), e -> UserProblems.invalidRefreshToken());
    }

    /**
     * Revokes the refresh token when given (its access tokens with it), then signs the user out
     * everywhere; an emulator without GlobalSignOut (cognito-local) still signs out with 204.
     */
    @Override
    public Mono<Void> signOut(String accessToken, @Nullable String refreshToken) {
        Mono<Void> revoke = refreshToken == null ? Mono.empty()
                : call(() -> Mono.fromFuture(() -> cognito.revokeToken(r -> r.clientId(properties.clientId()).token(refreshToken))))
                        .then()
                        // an unknown or already revoked refresh token is as signed out as it gets
                        .onErrorResume(NotAuthorizedException.class, e -> Mono.empty());
        Mono<Void> global = call(() -> Mono.fromFuture(() -> cognito.globalSignOut(r -> r.accessToken(accessToken))))
                .then()
                .onErrorResume(CognitoIdentityProvider::unsupportedByEmulator, e -> {
                    log.warn("global sign-out not supported by the identity provider; access tokens stay valid until they expire");
                    return Mono.empty();
                });
        return revoke.then(global);
    }

    @Override
    public Mono<Void> changePassword(String accessToken, String currentPassword, String newPassword) {
        return call(() -> Mono.fromFuture(() -> cognito.changePassword(r -> r
                        .accessToken(accessToken)
                        .previousPassword(currentPassword)
                        .proposedPassword(newPassword))))
                .onErrorMap(NotAuthorizedException.class, e -> UserProblems.wrongCurrentPassword())
                .onErrorMap(InvalidPasswordException.class,
                        e -> UserProblems.weakPassword("newPassword", "The new password does not meet the password policy."))
                .then();
    }

    @Override
    public Mono<Void> updateName(String username, String name) {
        return call(() -> Mono.fromFuture(() -> cognito.adminUpdateUserAttributes(r -> r
                        .userPoolId(properties.userPoolId())
                        .username(username)
                        .userAttributes(attribute("name", name)))))
                .then();
    }

    @Override
    public Mono<Void> delete(String username) {
        return call(() -> Mono.fromFuture(() -> cognito.adminDeleteUser(r -> r
                        .userPoolId(properties.userPoolId())
                        .username(username))))
                .onErrorResume(UserNotFoundException.class, e -> Mono.empty())
                .then();
    }

    /** Maps what every call can meet: throttling and an unreachable provider. */
    private static <T> Mono<T> call(java.util.function.Supplier<Mono<T>> call) {
        return Mono.defer(call)
                .onErrorMap(e -> e instanceof TooManyRequestsException || e instanceof LimitExceededException,
                        e -> UserProblems.throttled(THROTTLE_RETRY_AFTER))
                .onErrorMap(SdkClientException.class, e -> UserProblems.identityUnavailable());
    }

    private static boolean unsupportedByEmulator(Throwable e) {
        return e instanceof SdkServiceException s && s.statusCode() == 500
                && String.valueOf(s.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("unsupported");
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    /** cognito-local leaves ExpiresIn and TokenType empty; the access token's own claims tell. */
    private static Tokens tokens(AuthenticationResultType result) {
        Integer expiresIn = result.expiresIn();
        long lifetime = expiresIn != null ? expiresIn : lifetime(result.accessToken());
        return new Tokens(result.accessToken(), result.idToken(), result.refreshToken(),
                lifetime, result.tokenType() != null ? result.tokenType() : "Bearer");
    }

    private static long lifetime(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return 3600;
        }
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        Function<Pattern, Long> claim = pattern -> {
            Matcher m = pattern.matcher(payload);
            return m.find() ? Long.parseLong(m.group(1)) : 0L;
        };
        long exp = claim.apply(EXP);
        long iat = claim.apply(IAT);
        return exp > iat && iat > 0 ? exp - iat : 3600;
    }
}
