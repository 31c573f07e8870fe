package com.cloudalbum.common.test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/** Mints access tokens shaped like Cognito's, good and bad, for the token tests. */
public final class TestTokens {

    private final RSAKey key;
    private final String issuer;
    private final String clientId;

    private TestTokens(RSAKey key, String issuer, String clientId) {
        this.key = key;
        this.issuer = issuer;
        this.clientId = clientId;
    }

    /** A fresh RSA key of the test's own; serve {@link #jwks()} where the application looks for keys. */
    public static TestTokens withNewKey(String issuer, String clientId) {
        try {
            return new TestTokens(new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate(), issuer, clientId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** cognito-local's own signing key (shipped in its npm package), so forged tokens look real to it. */
    public static TestTokens cognitoLocal(String issuer, String clientId) {
        Path file = LocalAws.projectRoot().resolve("deploy/local-stack/cognito/node_modules/cognito-local/lib/keys/cognitoLocal.private.json");
        try {
            String json = Files.readString(file);
            Map<String, Object> parsed = JSONObjectUtils.parse(json);
            @SuppressWarnings("unchecked")
            Map<String, Object> jwk = (Map<String, Object>) parsed.getOrDefault("jwk", parsed);
            return new TestTokens(JWK.parse(jwk).toRSAKey(), issuer, clientId);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read cognito-local's key at " + file, e);
        }
    }

    public String jwks() {
        return "{\"keys\":[" + key.toPublicJWK().toJSONString() + "]}";
    }

    public JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(issuer)
                .claim("token_use", "access")
                .claim("client_id", clientId)
                .claim("username", subject)
                .claim("scope", "aws.cognito.signin.user.admin")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)));
    }

    public String valid(String subject) {
        return sign(claims(subject).build());
    }

    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classic confusion attack: HS256 with the RSA public key's bytes as the HMAC secret. */
    public String hs256WithPublicKeyAsSecret(String subject) {
        try {
            byte[] secret = key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                    claims(subject).build());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}. */
    public String unsigned(String subject) {
        return new PlainJWT(claims(subject).build()).serialize();
    }

    /** Replaces the payload of a real token and keeps its signature. */
    public static String tamper(String token, String newSubject) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String changed = payload.replaceFirst("\"sub\"\\s*:\\s*\"[^\"]*\"", "\"sub\":\"" + newSubject + "\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(changed.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }
}
