package io.dvbridge.export;

/** The sink itself failed (unreachable, refused a statement outside any one record): the page is not committed. */
public final class SinkException extends RuntimeException {

    public SinkException(String message, Throwable cause) {
        super(message, cause);
    }

    public SinkException(String message) {
        super(message);
    }
}
