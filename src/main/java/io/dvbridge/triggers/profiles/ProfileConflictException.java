package io.dvbridge.triggers.profiles;

/** The profile exists already, or is declared in configuration and so cannot change over the API (409). */
public final class ProfileConflictException extends RuntimeException {

    private final String field;

    public ProfileConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
