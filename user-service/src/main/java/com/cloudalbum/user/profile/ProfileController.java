package com.cloudalbum.user.profile;

import java.time.Instant;

import com.cloudalbum.user.account.AccountService;
import com.cloudalbum.user.problem.UserProblems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The caller's own profile; who the caller is comes only from the validated access token. */
@RestController
@RequestMapping("/api/users/me")
class ProfileController {

    private final ProfileRepository profiles;
    private final ProfileService service;
    private final AccountService accounts;

    ProfileController(ProfileRepository profiles, ProfileService service, AccountService accounts) {
        this.profiles = profiles;
        this.service = service;
        this.accounts = accounts;
    }

    @GetMapping
    Mono<ProfileView> me(@AuthenticationPrincipal Jwt token) {
        return profiles.find(token.getSubject())
                .map(ProfileView::from)
                .switchIfEmpty(Mono.error(UserProblems::profileNotFound));
    }

    @PatchMapping
    Mono<ProfileView> rename(@AuthenticationPrincipal Jwt token, @Valid @RequestBody Rename body) {
        return service.rename(token.getSubject(), username(token), body.name().strip())
                .map(ProfileView::from);
    }

    @PutMapping("/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> changePassword(@AuthenticationPrincipal Jwt token, @Valid @RequestBody ChangePassword body) {
        return accounts.changePassword(token.getSubject(), username(token), token.getTokenValue(),
                body.currentPassword(), body.newPassword());
    }

    private static String username(Jwt token) {
        String username = token.getClaimAsString("username");
        return username != null ? username : token.getSubject();
    }

    record Rename(@NotBlank @Size(max = 100) String name) {
    }

    record ChangePassword(@NotBlank @Size(max = 256) String currentPassword, @NotBlank @Size(max = 256) String newPassword) {
        @Override
        public String toString() {
            return "ChangePassword[<redacted>]";
        }
    }

    record ProfileView(String id, String email, String name, Instant createdAt) {
        static ProfileView from(Profile profile) {
            return new ProfileView(profile.id(), profile.email(), profile.name(), profile.createdAt());
        }
    }
}
