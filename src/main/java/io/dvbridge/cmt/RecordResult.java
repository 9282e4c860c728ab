package io.dvbridge.cmt;

import java.util.Objects;
import java.util.Optional;

/**
 * The result for one record of the file.
 *
 * @param targetId the record's id in the target, when it has (or will have) one
 * @param message  how it was matched and what changed, or why it failed
 */
public record RecordResult(String entity, String recordId, Optional<String> targetId, Outcome outcome, String message) {

    public RecordResult {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
    }
}
