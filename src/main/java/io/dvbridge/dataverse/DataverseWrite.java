package io.dvbridge.dataverse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One write in a {@code $batch}.
 *
 * @param method    POST (create), PATCH (update/upsert) or DELETE
 * @param entitySet e.g. {@code accounts}
 * @param key       the row for PATCH and DELETE; empty for POST
 * @param body      column values (empty for DELETE)
 * @param ifMatch   {@code If-Match} for PATCH/DELETE: an ETag, or {@code *} for update-only; empty = upsert
 * @param contentId identifies the write in the results; empty = its 1-based position in the list
 */
public record DataverseWrite(String method, String entitySet, Optional<EntityKey> key, Map<String, Object> body,
                             Optional<String> ifMatch, Optional<String> contentId) {

    public DataverseWrite {
        method = method.toUpperCase(java.util.Locale.ROOT);
        if (!method.equals("POST") && !method.equals("PATCH") && !method.equals("DELETE")) {
            throw new IllegalArgumentException("A batch write is POST, PATCH or DELETE, not " + method);
        }
        if (!method.equals("POST") && key.isEmpty()) {
            throw new IllegalArgumentException(method + " on " + entitySet + " needs a row key");
        }
        body = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(body));
    }

    public static DataverseWrite create(String entitySet, Map<String, Object> body) {
        return new DataverseWrite("POST", entitySet, Optional.empty(), body, Optional.empty(), Optional.empty());
    }

    /** PATCH with If-Match: updates only an existing row (with {@code *}) or a row at that version (with an ETag). */
    public static DataverseWrite update(String entitySet, EntityKey key, Map<String, Object> body, String ifMatch) {
        return new DataverseWrite("PATCH", entitySet, Optional.of(key), body, Optional.of(ifMatch), Optional.empty());
    }

    /** PATCH without If-Match: creates the row when it does not exist. */
    public static DataverseWrite upsert(String entitySet, EntityKey key, Map<String, Object> body) {
        return new DataverseWrite("PATCH", entitySet, Optional.of(key), body, Optional.empty(), Optional.empty());
    }

    public static DataverseWrite delete(String entitySet, EntityKey key) {
        return new DataverseWrite("DELETE", entitySet, Optional.of(key), Map.of(), Optional.empty(), Optional.empty());
    }

    public DataverseWrite withContentId(String id) {
        return new DataverseWrite(method, entitySet, key, body, ifMatch, Optional.of(id));
    }

    /** Repeating it cannot create a second row: PATCH and DELETE. */
    public boolean idempotent() {
        return !method.equals("POST");
    }
}
