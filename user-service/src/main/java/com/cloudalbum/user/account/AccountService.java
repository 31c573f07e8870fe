package com.cloudalbum.user.account;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import com.cloudalbum.user.config.UserProperties;
import com.cloudalbum.user.problem.UserProblems;
import com.cloudalbum.user.profile.Profile;
import com.cloudalbum.user.profile.ProfileRepository;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * Sign-up claims the email in DynamoDB with a conditional write before it touches Cognito, so
 * concurrent sign-ups with one email make exactly one account; a sign-up that fails half-way
 * releases what it made.
 */
@Service
public class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    private final IdentityProvider identities;
    private final ProfileRepository profiles;
    private final UserProperties properties;
    private final Clock clock;

    AccountService(IdentityProvider identities, ProfileRepository profiles, UserProperties properties, Clock clock) {
        this.identities = identities;
        this.profiles = profiles;
        this.properties = properties;
        this.clock = clock;
    }

    /** Usernames are the normalised email: unique, and what people sign in with. */
    static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    public Mono<SignedUp> signUp(String rawEmail, String password, String rawName) {
        String email = normalise(rawEmail);
        String name = rawName.strip();
        return Mono.fromRunnable(() -> PasswordPolicy.check("password", password))
                .then(profiles.claimEmail(email))
                .then(Mono.defer(() -> identities.signUp(email, email, password, name)
                        .onErrorResume(e -> profiles.releaseEmail(email).then(Mono.error(e)))))
                .flatMap(userId -> complete(userId, email, name)
                        .onErrorResume(e -> identities.delete(email)
                                .then(profiles.releaseEmail(email))
                                .then(Mono.error(e))))
                .doOnNext(done -> log.info("account created [userId={}, confirmed={}]", done.userId(), done.confirmed()));
    }

    private Mono<SignedUp> complete(String userId, String email, String name) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Mono<Boolean> confirmed = properties.autoConfirm()
                ? identities.confirmWithoutCode(email).thenReturn(true)
                : Mono.just(false);
        return confirmed.flatMap(isConfirmed -> profiles.create(new Profile(userId, email, name, now, now))
                .thenReturn(new SignedUp(userId, isConfirmed)));
    }

    public Mono<Void> confirm(String email, String code) {
        return identities.confirm(normalise(email), code);
    }

    public Mono<Void> resendCode(String email) {
        return identities.resendCode(normalise(email));
    }

    public Mono<Tokens> signIn(String email, String password) {
        return identities.signIn(normalise(email), password);
    }

    public Mono<Tokens> refresh(String refreshToken) {
        return identities.refresh(refreshToken);
    }

    public Mono<Void> signOut(String accessToken, @Nullable String refreshToken) {
        return identities.signOut(accessToken, refreshToken);
    }

    /**
     * Checks the current password by signing in with it (unambiguous on every provider), then
     * changes it with the caller's own access token.
     */
    public Mono<Void> changePassword(String userId, String username, String accessToken, String currentPassword,
                                     String newPassword) {
        return Mono.fromRunnable(() -> PasswordPolicy.check("newPassword", newPassword))
                .then(identities.signIn(username, currentPassword)
                        .onErrorMap(e -> e instanceof ErrorResponseException r
                                && r.getStatusCode().value() == 401, e -> UserProblems.wrongCurrentPassword()))
                .then(identities.changePassword(accessToken, currentPassword, newPassword))
                .doOnSuccess(done -> log.info("password changed [userId={}]", userId));
    }

    /** The result of a sign-up. */
    public record SignedUp(String userId, boolean confirmed) {
    }
}
