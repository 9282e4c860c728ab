package io.dvbridge.store;

/**
 * The state store cannot do what was asked: the database is unreachable, its schema cannot be migrated, or a
 * statement failed. The message names the store by its URL without credentials and says why; it is meant to
 * be shown to people as it is, without a stack trace.
 */
public class StateStoreException extends RuntimeException {

    public StateStoreException(String message) {
        super(message);
    }

    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
