package io.dvbridge.push;

/** A value that does not fit its column; the validator turns it into a {@link Rejection} of the row. */
final class ValueRejected extends Exception {

    final Rejection.Reason reason;

    ValueRejected(Rejection.Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }
}
