package io.aitip.policy.auth;

/** The credentials are missing, unknown, revoked or expired. The message never echoes the credential. */
public class AuthenticationException extends RuntimeException {

    public AuthenticationException(String message) {
        super(message, null, false, false);
    }
}
