package io.dvbridge.dataverse;

import java.util.Optional;

/**
 * The outcome of one {@link DataverseWrite}.
 *
 * @param index      0-based position of the write in the list handed to the batch
 * @param contentId  the write's Content-ID (its own or the generated one)
 * @param outcome    succeeded, failed, rolled back with its changeset, or never reached
 * @param status     HTTP status Dataverse gave this write; 0 when it has none of its own (rolled back, not executed)
 * @param entityId   the row id from OData-EntityId (creates and upserts)
 * @param etag       the new ETag when Dataverse sent one
 * @param errorCode  Dataverse error code (may be empty even on failure)
 * @param errorMessage Dataverse error message, or why the write was rolled back / not executed
 */
public record DataverseWriteResult(int index, String contentId, WriteStatus outcome, int status,
                                   Optional<String> entityId, Optional<String> etag, Optional<String> errorCode,
                                   Optional<String> errorMessage) {

    public boolean succeeded() {
        return outcome == WriteStatus.SUCCEEDED;
    }
}
