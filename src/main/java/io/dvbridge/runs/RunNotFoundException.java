package io.dvbridge.runs;

/** A run id, or one of its files, that the run store does not hold. */
public class RunNotFoundException extends RuntimeException {
    public RunNotFoundException(String message) {
        super(message);
    }
}
