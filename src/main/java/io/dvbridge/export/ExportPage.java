package io.dvbridge.export;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of changes to apply: rows to upsert (Web API JSON), ids deleted, and the position to save with them
 * (the nextLink to resume from, or the deltaLink on the last page); empty when the page has no position to save
 * (a retry of earlier failures).
 */
public record ExportPage(List<Map<String, Object>> upserts, List<String> deletedIds, Optional<String> position) {

    public ExportPage {
        upserts = List.copyOf(upserts);
        deletedIds = List.copyOf(deletedIds);
    }
}
