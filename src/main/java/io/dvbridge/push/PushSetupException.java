package io.dvbridge.push;

/** The push cannot start as asked (an unknown key, a source that cannot be read): a message for people, no row at fault. */
public final class PushSetupException extends RuntimeException {

    public PushSetupException(String message) {
        super(message);
    }

    public PushSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
