package io.dvbridge.sandbox.entra;

/** A bearer token was missing, malformed, badly signed, expired or meant for another audience. */
public class InvalidTokenException extends Exception {
    public InvalidTokenException(String message) {
        super(message);
    }
}
