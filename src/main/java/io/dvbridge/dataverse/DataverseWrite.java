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
 * @param headers   extra request headers of this write, e.g. {@code MSCRM.BypassCustomPluginExecution: true}
 * @param reference an association: the collection-valued navigation property of the row {@code key} whose
 *                  {@code $ref} the POST adds to ({@link #associate}); empty for every other write
 */
public record DataverseWrite(String method, String entitySet, Optional<EntityKey> key, Map<String, Object> body,
                             Optional<String> ifMatch, Optional<String> contentId, Map<String, String> headers,
                             Optional<String> reference) {

    private static final java.util.regex.Pattern HEADER_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    public DataverseWrite {
        method = method.toUpperCase(java.util.Locale.ROOT);
        if (!method.equals("POST") && !method.equals("PATCH") && !method.equals("DELETE")) {
            throw new IllegalArgumentException("A batch write is POST, PATCH or DELETE, not " + method);
        }
        if (!method.equals("POST") && key.isEmpty()) {
            throw new IllegalArgumentException(method + " on " + entitySet + " needs a row key");
        }
        body = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(body));
        headers.forEach((name, value) -> {
            // A header is written into the multipart body: CR/LF in it would forge another request line.
            if (!HEADER_NAME.matcher(name).matches() || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("Not a valid header for a batch write: '" + name + "'");
            }
        });
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        if (reference.isPresent()) {
            DataverseClient.requireName(reference.get(), "navigation property");
            if (!method.equals("POST") || key.isEmpty()) {
                throw new IllegalArgumentException("An association is a POST on a row's navigation property");
            }
        }
    }

    /** A write with extra headers, not an association. */
    public DataverseWrite(String method, String entitySet, Optional<EntityKey> key, Map<String, Object> body,
                          Optional<String> ifMatch, Optional<String> contentId, Map<String, String> headers) {
        this(method, entitySet, key, body, ifMatch, contentId, headers, Optional.empty());
    }

    /** A write with no extra headers. */
    public DataverseWrite(String method, String entitySet, Optional<EntityKey> key, Map<String, Object> body,
                          Optional<String> ifMatch, Optional<String> contentId) {
        this(method, entitySet, key, body, ifMatch, contentId, Map.of());
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

    /**
     * PATCH with {@code If-None-Match: *}: creates the row under this key and answers 412 when it exists, so
     * sending it again (a retried {@code $batch}) can never create a second row.
     */
    public static DataverseWrite createOnly(String entitySet, EntityKey key, Map<String, Object> body) {
        return upsert(entitySet, key, body).withHeader("If-None-Match", "*");
    }

    /**
     * Associates row {@code key} of {@code entitySet} with row {@code targetKey} of {@code targetSet} through the
     * N:N relationship whose navigation property on {@code entitySet}'s rows is {@code navigation}:
     * {@code POST <entitySet>(<key>)/<navigation>/$ref} with {@code {"@odata.id": "<api base><targetSet>(<targetKey>)"}}
     * (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/associate-disassociate-entities-using-web-api).
     * The body holds the target relative to the API base; the $batch body makes it absolute.
     */
    public static DataverseWrite associate(String entitySet, EntityKey key, String navigation, String targetSet, EntityKey targetKey) {
        DataverseClient.requireName(targetSet, "entity set");
        return new DataverseWrite("POST", entitySet, Optional.of(key), Map.of("@odata.id", targetSet + targetKey.pathSegment()),
                Optional.empty(), Optional.empty(), Map.of(), Optional.of(navigation));
    }

    public static DataverseWrite delete(String entitySet, EntityKey key) {
        return new DataverseWrite("DELETE", entitySet, Optional.of(key), Map.of(), Optional.empty(), Optional.empty());
    }

    public DataverseWrite withContentId(String id) {
        return new DataverseWrite(method, entitySet, key, body, ifMatch, Optional.of(id), headers, reference);
    }

    /** The same write with one more request header (e.g. {@code MSCRM.BypassCustomPluginExecution: true}). */
    public DataverseWrite withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new DataverseWrite(method, entitySet, key, body, ifMatch, contentId, more, reference);
    }

    /**
     * Repeating it cannot create a second row: PATCH and DELETE, and an association (a second one of the same
     * pair fails with a duplicate key error instead of adding one).
     */
    public boolean idempotent() {
        return !method.equals("POST") || reference.isPresent();
    }

    /** The request path under the API base: the row (or entity set), with {@code /<navigation>/$ref} for an association. */
    String path() {
        return entitySet + key.map(EntityKey::pathSegment).orElse("") + reference.map(n -> "/" + n + "/$ref").orElse("");
    }
}
