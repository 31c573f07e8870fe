package com.cloudalbum.user.account;

import java.net.URI;
import java.util.Map;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Sign-up, confirmation and tokens. All but sign-out are public (see {@code album.security.public-paths}). */
@RestController
@RequestMapping("/api/auth")
class AuthController {

    private final AccountService accounts;

    AuthController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/signup")
    Mono<ResponseEntity<Map<String, Object>>> signUp(@Valid @RequestBody AuthRequests.SignUp body) {
        return accounts.signUp(body.email(), body.password(), body.name())
                .map(done -> ResponseEntity.created(URI.create("/api/users/me"))
                        .body(Map.of("userId", done.userId(), "confirmed", done.confirmed())));
    }

    @PostMapping("/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> confirm(@Valid @RequestBody AuthRequests.Confirm body) {
        return accounts.confirm(body.email(), body.code());
    }

    @PostMapping("/resend-code")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> resendCode(@Valid @RequestBody AuthRequests.ResendCode body) {
        return accounts.resendCode(body.email());
    }

    @PostMapping("/signin")
    Mono<Tokens> signIn(@Valid @RequestBody AuthRequests.SignIn body) {
        return accounts.signIn(body.email(), body.password());
    }

    @PostMapping("/refresh")
    Mono<Tokens> refresh(@Valid @RequestBody AuthRequests.Refresh body) {
        return accounts.refresh(body.refreshToken());
    }

    /** The body is optional: {@code {"refreshToken": …}} revokes that refresh token too. */
    @PostMapping("/signout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> signOut(@AuthenticationPrincipal Jwt token, @Valid @RequestBody(required = false) AuthRequests.SignOut body) {
        return accounts.signOut(token.getTokenValue(), body == null ? null : body.refreshToken());
    }
}
