package io.dvbridge.dataverse;

/**
 * A table as bulk writes see it: where to send (entity set), how rows are identified (primary id), whether a bulk
 * request is all or nothing (standard) or partially successful (elastic), and which bulk messages it supports.
 */
public record BulkTarget(String logicalName, String entitySetName, String primaryIdAttribute, boolean elastic,
                         boolean createMultiple, boolean updateMultiple) {

    /** A table supports UpsertMultiple when it supports both CreateMultiple and UpdateMultiple. */
    public boolean upsertMultiple() {
        return createMultiple && updateMultiple;
    }

    boolean supports(BulkMessage message) {
        return switch (message) {
            case CreateMultiple -> createMultiple;
            case UpdateMultiple -> updateMultiple;
            case UpsertMultiple -> upsertMultiple();
        };
    }
}
