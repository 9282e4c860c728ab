package io.dvbridge.http;

import java.io.IOException;

/** No usable HTTP answer: the connection failed or timed out on every attempt allowed. */
public final class TransportFailureException extends RuntimeException {

    private final String method;
    private final String path;
    private final int attempts;

    public TransportFailureException(String method, String path, int attempts, String why, IOException cause) {
        super(method + " " + path + " got no response after " + attempts + " attempt(s) (" + why + "): " + cause);
        this.method = method;
        this.path = path;
        this.attempts = attempts;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public int attempts() {
        return attempts;
    }
}
