package io.dvbridge.export;

import java.time.Instant;
import java.util.Map;

/**
 * A record the sink could not write after its retries, in the Data Export Service's failure log fields (Entity,
 * RecordId, NotificationTime, ChangeType, FailureReason), with the row itself so a later run can try it again.
 *
 * @param changeType {@code Upsert} or {@code Delete}
 * @param row        the Web API row of an upsert; empty for a delete
 */
public record ExportFailure(String entity, String recordId, Instant notificationTime, String changeType, String failureReason,
                            Map<String, Object> row) {

    public static final String UPSERT = "Upsert";
    public static final String DELETE = "Delete";

    public ExportFailure {
        row = Map.copyOf(row.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }
}
