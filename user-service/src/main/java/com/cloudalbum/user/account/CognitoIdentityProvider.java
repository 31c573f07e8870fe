package com.cloudalbum.user.account;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.cloudalbum.common.aws.AwsFailures;
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
    private static final Set<String> UNSUPPORTED_CODES = Set.of(
            "Unsupported", "CognitoLocal#Unsupported", "UnsupportedOperationException");

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
                .onErrorMap(CognitoIdentityProvider::unsupported, e -> UserProblems.notSupported("Resending codes"))
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
     * Signs the user out everywhere ({@code GlobalSignOut}), then revokes the refresh token when given.
     * Both are attempted whatever the first one did: global first, because revoking the refresh token
     * also revokes this access token, and AWS then refuses {@code GlobalSignOut} with it. Either one
     * confirmed is a sign-out (the other's failure is logged); neither confirmed is a 503 problem, so a
     * client never believes a session ended that may still be alive.
     */
    @Override
    public Mono<Void> signOut(String accessToken, @Nullable String refreshToken) {
        Mono<Attempt> global = attempt("GlobalSignOut",
                Mono.fromFuture(() -> cognito.globalSignOut(r -> r.accessToken(accessToken))));
        Mono<Attempt> revoke = refreshToken == null ? Mono.just(Attempt.SKIPPED)
                : attempt("RevokeToken", Mono.fromFuture(() -> cognito.revokeToken(r -> r
                                .clientId(properties.clientId())
                                .token(refreshToken)))
                        // an unknown or already revoked refresh token cannot be used any more: as good as revoked
                        .onErrorResume(NotAuthorizedException.class, e -> Mono.empty()));
        return global.zipWith(Mono.defer(() -> revoke)).flatMap(attempts -> {
            Attempt g = attempts.getT1();
            Attempt r = attempts.getT2();
            Throwable globalFailure = g.failure();
            Throwable revokeFailure = r.failure();
            if (globalFailure == null || (r != Attempt.SKIPPED && revokeFailure == null)) {
                Attempt failed = globalFailure != null ? g : r;
                Throwable cause = failed.failure();
                if (cause != null) {
                    log.warn("sign-out partly confirmed [failed={}, errorCode={}, cause={}]", failed.operation(),
                            failedCode(cause), cause.toString());
                }
                return Mono.<Void>empty();
            }
            if (revokeFailure != null) {
                globalFailure.addSuppressed(revokeFailure);
            }
            return Mono.error(UserProblems.signOutNotConfirmed(globalFailure));
        });
    }

    private static Mono<Attempt> attempt(String operation, Mono<?> call) {
        return Mono.defer(() -> call)
                .then(Mono.fromSupplier(() -> new Attempt(operation, null)))
                .onErrorResume(e -> Mono.just(new Attempt(operation, e)));
    }

    private static String failedCode(Throwable failure) {
        if (unsupported(failure)) {
            return "unsupported by the identity provider";
        }
        String code = AwsFailures.errorCode(failure);
        return code != null ? code : failure.getClass().getSimpleName();
    }

    /** One sign-out step and how it failed, if it did. */
    private record Attempt(String operation, @Nullable Throwable failure) {

        /** No refresh token was given: nothing was revoked. */
        static final Attempt SKIPPED = new Attempt("RevokeToken", null);
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

    /**
     * Maps what every call can meet: throttling and an unreachable provider, keeping the cause (it is
     * logged with the problem). Anything else unmapped goes to common's error map.
     */
    private static <T> Mono<T> call(Supplier<Mono<T>> call) {
        return Mono.defer(call)
                .onErrorMap(e -> e instanceof TooManyRequestsException || e instanceof LimitExceededException,
                        e -> UserProblems.throttled(THROTTLE_RETRY_AFTER, e))
                .onErrorMap(SdkClientException.class, UserProblems::identityUnavailable);
    }

    /**
     * The provider lacks the operation, told by the SDK's error code: cognito-local answers HTTP 500
     * {@code CognitoLocal#Unsupported} (code {@code Unsupported}), Cognito {@code UnsupportedOperationException}.
     */
    static boolean unsupported(Throwable e) {
        String code = AwsFailures.errorCode(e);
        return code != null && UNSUPPORTED_CODES.contains(code);
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
