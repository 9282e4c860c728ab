package io.dvbridge.dataverse;

import java.util.Map;
import java.util.Optional;

/**
 * Dataverse's answer to a single create, update or upsert.
 *
 * @param entityId the row id from {@code OData-EntityId} (absent when the row came back as representation)
 * @param row      the row when {@code Prefer: return=representation} was asked for
 */
public record WriteResponse(int status, Optional<String> entityId, Optional<String> etag, Optional<Map<String, Object>> row) {
}
