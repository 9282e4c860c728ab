package io.dvbridge.dataverse;

import java.util.Optional;

/**
 * What became of one {@link BulkRow}.
 *
 * @param written   the row is in Dataverse
 * @param id        the row's primary id when known (CreateMultiple answers it; a key by primary id carries it)
 * @param status    the HTTP status that decided the row (204/200 when written; 0 when no answer came)
 * @param errorCode Dataverse's error code (e.g. {@code 0x80044331}), empty when written
 * @param message   Dataverse's message for this row, empty when written
 */
public record BulkRowResult(long rowNumber, boolean written, Optional<String> id, int status, String errorCode, String message) {

    static BulkRowResult written(long rowNumber, Optional<String> id, int status) {
        return new BulkRowResult(rowNumber, true, id, status, "", "");
    }

    static BulkRowResult failed(long rowNumber, Optional<String> id, int status, String errorCode, String message) {
        return new BulkRowResult(rowNumber, false, id, status, errorCode == null ? "" : errorCode, message == null ? "" : message);
    }
}
