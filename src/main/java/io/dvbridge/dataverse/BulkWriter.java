package io.dvbridge.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvbridge.http.AdaptiveConcurrencyLimiter;
import io.dvbridge.http.HttpResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes rows with CreateMultiple, UpdateMultiple or UpsertMultiple and answers one {@link BulkRowResult} per row,
 * in input order ("Use bulk operation messages", learn.microsoft.com/power-apps/developer/data-platform/bulk-operations):
 * <ul>
 * <li>rows go in requests of at most {@code batchSize}, never two rows with the same key in one request;</li>
 * <li>a standard table's request is all or nothing, so a failed request is bisected until the bad rows stand
 *     alone, each reported with Dataverse's own message, and every other row lands;</li>
 * <li>an elastic table keeps the good rows of a request; its error's {@code @Plugin.BulkApiErrorDetails} name the
 *     failed ones ({@code Prefer: odata.include-annotations="*"} asks for them);</li>
 * <li>rows the table cannot take in bulk (the message is unsupported, or an update by alternate key, which
 *     UpdateMultiple refuses) go through {@code $batch} with {@code odata.continue-on-error}, one write per row;</li>
 * <li>each request goes to the application user of the pool with the most free slots.</li>
 * </ul>
 * One writer serves one body; concurrency comes from the callers (e.g. a split with parallel processing), which the
 * users' shared limiters pace.
 */
final class BulkWriter {

    /** One application user of the environment: its client and the limiter every request of that user passes. */
    record User(DataverseClient client, AdaptiveConcurrencyLimiter limiter) {
    }

    private final List<User> users;
    private final AtomicInteger turn;
    private final BulkTarget target;
    private final BulkMessage message;
    private final int batchSize;
    private final Map<String, String> headers;

    /**
     * @param turn      shared by the writers of one pool so ties between users are broken in turn
     * @param headers   extra headers of every request (bypass of custom logic)
     */
    BulkWriter(List<User> users, AtomicInteger turn, BulkTarget target, BulkMessage message, int batchSize,
               Map<String, String> headers) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("A bulk writer needs at least one application user");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, not " + batchSize);
        }
        this.users = List.copyOf(users);
        this.turn = turn;
        this.target = target;
        this.message = message;
        this.batchSize = batchSize;
        this.headers = Map.copyOf(headers);
    }

    List<BulkRowResult> write(List<BulkRow> rows) {
        BulkRowResult[] results = new BulkRowResult[rows.size()];
        List<Integer> bulk = new ArrayList<>();
        List<Integer> batch = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            BulkRow row = rows.get(i);
            if (message != BulkMessage.CreateMultiple && row.key().isEmpty()) {
                results[i] = BulkRowResult.failed(row.rowNumber(), Optional.empty(), 0, "", "Row " + row.rowNumber() + ": "
                        + message + " needs the row's key (the primary id column or the columns of an alternate key)");
            } else if (!target.supports(message) || (message == BulkMessage.UpdateMultiple && !byPrimaryId(row))) {
                batch.add(i);
            } else {
                bulk.add(i);
            }
        }
        for (List<Integer> chunk : chunks(rows, bulk, batchSize)) {
            sendBulk(rows, chunk, results);
        }
        for (List<Integer> chunk : chunks(rows, batch, Math.min(batchSize, DataverseClient.MAX_BATCH_REQUESTS))) {
            sendBatch(rows, chunk, results);
        }
        return Arrays.asList(results);
    }

    /** Consecutive slices of at most {@code size} rows, a new one started wherever a key would repeat. */
    static List<List<Integer>> chunks(List<BulkRow> rows, List<Integer> indexes, int size) {
        List<List<Integer>> chunks = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i : indexes) {
            Optional<String> key = identity(rows.get(i));
            if (current.size() >= size || key.filter(k -> !keys.add(k)).isPresent()) {
                chunks.add(current);
                current = new ArrayList<>();
                keys.clear();
                key.ifPresent(keys::add);
            }
            current.add(i);
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    /** A key as text that compares like Dataverse compares keys (case-insensitive), or empty for a create without one. */
    private static Optional<String> identity(BulkRow row) {
        if (row.key().isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> sorted = new TreeMap<>();
        row.key().forEach((column, value) -> sorted.put(column, String.valueOf(value).toLowerCase(Locale.ROOT)));
        return Optional.of(sorted.toString());
    }

    private boolean byPrimaryId(BulkRow row) {
        return row.key().containsKey(target.primaryIdAttribute());
    }

    // ---------------------------------------------------------------- bulk messages

    private void sendBulk(List<BulkRow> rows, List<Integer> chunk, BulkRowResult[] results) {
        User user = pick();
        Map<String, String> requestHeaders = new LinkedHashMap<>(headers);
        if (target.elastic()) {
            requestHeaders.put("Prefer", "odata.include-annotations=\"*\"");
        }
        String set = target.entitySetName();
        HttpResult answer;
        try {
            answer = user.client().postForAnswer(message.name(), set, set + "/Microsoft.Dynamics.CRM." + message,
                    requestHeaders, DataverseJson.write(Map.of("Targets", targets(rows, chunk))), message != BulkMessage.CreateMultiple);
        } catch (DataverseException noAnswer) {
            chunk.forEach(i -> results[i] = failed(rows.get(i), 0, "", noAnswer.getMessage()));
            return;
        }
        if (answer.isSuccess()) {
            List<String> ids = new ArrayList<>();
            if (message == BulkMessage.CreateMultiple && answer.body().length > 0) {
                DataverseJson.tree(answer.body()).path("Ids").forEach(id -> ids.add(id.asText()));
            }
            for (int k = 0; k < chunk.size(); k++) {
                BulkRow row = rows.get(chunk.get(k));
                Optional<String> id = ids.size() == chunk.size() ? Optional.of(ids.get(k)) : primaryId(row);
                results[chunk.get(k)] = BulkRowResult.written(row.rowNumber(), id, answer.status());
            }
            return;
        }
        DataverseJson.ErrorBody error = DataverseJson.error(answer.bodyText());
        String text = error.message() + answer.gaveUpBecause().map(g -> " (gave up: " + g + ")").orElse("");
        if (target.elastic()) {
            elasticOutcome(rows, chunk, answer, error, text, results);
        } else if (rowProblem(answer.status()) && chunk.size() > 1) {
            // All or nothing: nothing of this request was written, so each half can be sent again on its own.
            int half = chunk.size() / 2;
            sendBulk(rows, new ArrayList<>(chunk.subList(0, half)), results);
            sendBulk(rows, new ArrayList<>(chunk.subList(half, chunk.size())), results);
        } else {
            chunk.forEach(i -> results[i] = failed(rows.get(i), answer.status(), error.code(), text));
        }
    }

    /** An elastic table wrote every target its error details do not name. */
    private void elasticOutcome(List<BulkRow> rows, List<Integer> chunk, HttpResult answer, DataverseJson.ErrorBody error,
                                String text, BulkRowResult[] results) {
        Optional<Map<Integer, Integer>> failedByIndex = errorDetails(answer);
        if (failedByIndex.isEmpty()) {
            chunk.forEach(i -> results[i] = failed(rows.get(i), answer.status(), error.code(), text
                    + " (no per-record details came back, so which records of this request were written is unknown)"));
            return;
        }
        int first = failedByIndex.get().keySet().stream().min(Integer::compare).orElse(-1);
        for (int k = 0; k < chunk.size(); k++) {
            BulkRow row = rows.get(chunk.get(k));
            Integer status = failedByIndex.get().get(k);
            if (status == null) {
                results[chunk.get(k)] = BulkRowResult.written(row.rowNumber(), primaryId(row), 204);
            } else {
                results[chunk.get(k)] = failed(row, status, k == first ? error.code() : "", k == first ? text
                        : "Dataverse refused this record with status " + status + " (the request's first failure: " + text + ")");
            }
        }
    }

    /** {@code @Plugin.BulkApiErrorDetails}: RequestIndex to StatusCode, from a JSON string or array in the error object. */
    private static Optional<Map<Integer, Integer>> errorDetails(HttpResult answer) {
        JsonNode error;
        try {
            error = DataverseJson.tree(answer.body()).path("error");
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
        JsonNode details = error.path("@Plugin.BulkApiErrorDetails");
        if (details.isTextual()) {
            try {
                details = DataverseJson.MAPPER.readTree(details.textValue());
            } catch (java.io.IOException notJson) {
                return Optional.empty();
            }
        }
        if (!details.isArray()) {
            return Optional.empty();
        }
        Map<Integer, Integer> failed = new HashMap<>();
        details.forEach(d -> failed.put(d.path("RequestIndex").asInt(-1), d.path("StatusCode").asInt(answer.status())));
        return Optional.of(failed);
    }

    /** A status that one bad row causes (validation, missing lookup, duplicate key, too large, a plug-in's error). */
    private static boolean rowProblem(int status) {
        return (status >= 400 && status < 500 && status != 401 && status != 403 && status != 429) || status == 500;
    }

    private List<Map<String, Object>> targets(List<BulkRow> rows, List<Integer> chunk) {
        List<Map<String, Object>> targets = new ArrayList<>(chunk.size());
        for (int i : chunk) {
            BulkRow row = rows.get(i);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("@odata.type", "Microsoft.Dynamics.CRM." + target.logicalName());
            if (message == BulkMessage.UpsertMultiple && !row.key().isEmpty() && !byPrimaryId(row)) {
                // An alternate key goes in @odata.id and stays out of the body (Upsert strips key columns on update).
                item.put("@odata.id", target.entitySetName() + alternateKeySegment(row.key()));
            } else {
                item.putAll(row.key());
            }
            item.putAll(row.values());
            targets.add(item);
        }
        return targets;
    }

    /** {@code (accountnumber='A''1',region=2)}: OData literals, not percent-encoded, as the body's @odata.id carries them. */
    private static String alternateKeySegment(Map<String, Object> key) {
        StringBuilder segment = new StringBuilder("(");
        key.forEach((column, value) -> segment.append(segment.length() > 1 ? "," : "").append(column).append('=')
                .append(ODataLiteral.format(value)));
        return segment.append(')').toString();
    }

    // ---------------------------------------------------------------- $batch fallback

    private void sendBatch(List<BulkRow> rows, List<Integer> chunk, BulkRowResult[] results) {
        List<DataverseWrite> writes = new ArrayList<>(chunk.size());
        String set = target.entitySetName();
        for (int i : chunk) {
            BulkRow row = rows.get(i);
            DataverseWrite write = switch (message) {
                case CreateMultiple -> {
                    Map<String, Object> body = new LinkedHashMap<>(row.key());
                    body.putAll(row.values());
                    yield DataverseWrite.create(set, body);
                }
                case UpdateMultiple -> DataverseWrite.update(set, key(row), row.values(), "*");
                case UpsertMultiple -> DataverseWrite.upsert(set, key(row), row.values());
            };
            for (Map.Entry<String, String> header : headers.entrySet()) {
                write = write.withHeader(header.getKey(), header.getValue());
            }
            writes.add(write);
        }
        List<DataverseWriteResult> answers;
        try {
            answers = pick().client().batch(writes, false, writes.size());
        } catch (DataverseException e) {
            chunk.forEach(i -> results[i] = failed(rows.get(i), e.status(), e.errorCode(), e.getMessage()));
            return;
        }
        for (int k = 0; k < chunk.size(); k++) {
            BulkRow row = rows.get(chunk.get(k));
            DataverseWriteResult answer = answers.get(k);
            Optional<String> id = answer.entityId().or(() -> primaryId(row));
            results[chunk.get(k)] = answer.succeeded()
                    ? BulkRowResult.written(row.rowNumber(), id, answer.status())
                    : BulkRowResult.failed(row.rowNumber(), id, answer.status(), answer.errorCode().orElse(""),
                    answer.errorMessage().orElse(""));
        }
    }

    private EntityKey key(BulkRow row) {
        if (byPrimaryId(row) && row.key().size() == 1) {
            return EntityKey.of(UUID.fromString(String.valueOf(row.key().get(target.primaryIdAttribute()))));
        }
        return new EntityKey.Alternate(row.key());
    }

    // ---------------------------------------------------------------- plumbing

    /** The user with the most free slots; ties go round. */
    private User pick() {
        int start = Math.floorMod(turn.getAndIncrement(), users.size());
        User best = null;
        for (int j = 0; j < users.size(); j++) {
            User user = users.get((start + j) % users.size());
            if (best == null || user.limiter().available() > best.limiter().available()) {
                best = user;
            }
        }
        return best;
    }

    private Optional<String> primaryId(BulkRow row) {
        return Optional.ofNullable(row.key().get(target.primaryIdAttribute())).map(String::valueOf);
    }

    private BulkRowResult failed(BulkRow row, int status, String code, String text) {
        return BulkRowResult.failed(row.rowNumber(), primaryId(row), status, code, text);
    }
}
