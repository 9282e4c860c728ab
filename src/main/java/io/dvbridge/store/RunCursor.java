package io.dvbridge.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of runs ended: the (created at, run id) of its last run. Pages are cut by these keys rather than
 * by an offset, so a run started while someone pages through the history neither repeats nor hides a row.
 * Shown to callers as an opaque URL-safe string.
 */
record RunCursor(Instant createdAt, String runId) {

    String encode() {
        String key = createdAt.getEpochSecond() + "." + createdAt.getNano() + "/" + runId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    static RunCursor decode(String cursor) {
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int slash = key.indexOf('/');
            int dot = key.indexOf('.');
            if (dot < 1 || slash < dot || slash == key.length() - 1) {
                throw notACursor();
            }
            Instant createdAt = Instant.ofEpochSecond(Long.parseLong(key.substring(0, dot)),
                    Long.parseLong(key.substring(dot + 1, slash)));
            return new RunCursor(createdAt, key.substring(slash + 1));
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            throw notACursor();
        }
    }

    private static InvalidRunQueryException notACursor() {
        return new InvalidRunQueryException("after", "after is not a cursor of a previous page of runs");
    }
}
