package com.cloudalbum.photo.album;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.cloudalbum.common.problem.Problems;
import com.cloudalbum.photo.config.PhotoProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Opaque, tamper-evident page cursors: {@code base64url(owner \n listing \n lastId) . base64url(HMAC-SHA256)}.
 * A cursor is bound to its owner, so another user's cursor is as invalid as a forged one, and to its listing (the
 * album by upload, by date taken, a search): their positions differ, so one listing's cursor in another is a 400, not
 * a page from the wrong place.
 */
@Component
class Cursors {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private final SecretKeySpec key;

    Cursors(PhotoProperties properties) {
        this.key = new SecretKeySpec(properties.cursorSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    String encode(String userId, String listing, String lastId) {
        byte[] payload = (userId + "\n" + listing + "\n" + lastId).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The last id of the previous page; the invalid-cursor problem for anything not made for this user and listing. */
    String decode(String userId, String listing, String cursor) {
        try {
            int dot = cursor.indexOf('.');
            byte[] payload = Base64.getUrlDecoder().decode(cursor.substring(0, dot));
            byte[] signature = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
            String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", 3);
            if (MessageDigest.isEqual(mac(payload), signature) && parts.length == 3 && parts[0].equals(userId)
                    && parts[1].equals(listing)) {
                return parts[2];
            }
        } catch (RuntimeException malformed) {
            // same answer as a bad signature
        }
        throw Problems.of(HttpStatus.BAD_REQUEST, "invalid-cursor", "Invalid cursor", "The cursor is not valid for this album.");
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
