package com.cloudalbum.user.account;

import com.cloudalbum.user.problem.UserProblems;

/**
 * Cognito's default policy, checked here first so a weak password gets a clear 400 on every
 * provider (cognito-local does not enforce a policy).
 */
public final class PasswordPolicy {

    static final int MIN_LENGTH = 8;

    private PasswordPolicy() {
    }

    /** Throws the weak-password problem naming {@code field} when the password does not qualify. */
    public static void check(String field, String password) {
        boolean ok = password.length() >= MIN_LENGTH
                && password.chars().anyMatch(Character::isUpperCase)
                && password.chars().anyMatch(Character::isLowerCase)
                && password.chars().anyMatch(Character::isDigit)
                && password.chars().anyMatch(c -> !Character.isLetterOrDigit(c) && !Character.isWhitespace(c));
        if (!ok || !password.strip().equals(password)) {
            throw UserProblems.weakPassword(field, "Use at least " + MIN_LENGTH
                    + " characters with upper and lower case letters, a digit and a symbol, and no leading or trailing spaces.");
        }
    }
}
