package io.dvbridge.jobs;

import org.apache.camel.CamelExecutionException;

/** The message a person should read for a failed job: past Camel's wrappers and message-less exceptions. */
public final class FailureMessages {

    private FailureMessages() {
    }

    public static String of(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t instanceof CamelExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
