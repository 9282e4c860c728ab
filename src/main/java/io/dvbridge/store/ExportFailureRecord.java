package io.dvbridge.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry of the export failure log (table {@code export_failures}): the Data Export Service's fields, the
 * profile (empty for a run without one) and run, where it was going, and the row as JSON for the next attempt.
 */
public record ExportFailureRecord(long id, String profile, String runId, String environment, String target, String entity,
                                  String recordId, Instant notificationTime, String changeType, String failureReason, String payload,
                                  Optional<Instant> resolvedAt) {
}
