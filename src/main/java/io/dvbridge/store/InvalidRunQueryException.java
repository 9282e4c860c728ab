package io.dvbridge.store;

/** A run query field that is out of range or not understood; callers map it to their own "bad request". */
public final class InvalidRunQueryException extends IllegalArgumentException {

    private final String field;

    public InvalidRunQueryException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The query field at fault: {@code limit}, {@code after}, ... */
    public String field() {
        return field;
    }
}
