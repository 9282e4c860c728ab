package io.dvbridge.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry of the export job's failure log, in the Data Export Service's fields (Entity, RecordId,
 * NotificationTime, ChangeType, FailureReason) plus the profile and the run that wrote it. A record id is empty
 * when the failure concerns a whole table (DES wrote "N/A").
 */
public record ExportFailure(String profile, String runId, String entity, Optional<String> recordId, Instant notificationTime,
                            String changeType, String failureReason) {
}
