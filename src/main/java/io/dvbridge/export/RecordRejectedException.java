package io.dvbridge.export;

/** A record that no retry will help: a value the sink column cannot hold. Names the record, the column and why. */
public final class RecordRejectedException extends RuntimeException {

    private final String recordId;

    public RecordRejectedException(String recordId, String column, String reason) {
        super("Record " + recordId + ", column " + column + ": " + reason);
        this.recordId = recordId;
    }

    public String recordId() {
        return recordId;
    }
}
