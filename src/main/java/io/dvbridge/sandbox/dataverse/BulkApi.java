package io.dvbridge.sandbox.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvbridge.sandbox.http.Json;
import io.dvbridge.sandbox.http.SandboxRequest;
import io.dvbridge.sandbox.http.SandboxResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The bulk messages bound to an entity set: {@code POST <set>/Microsoft.Dynamics.CRM.CreateMultiple} (200
 * {@code {"Ids":[...]}}), {@code .UpdateMultiple} and {@code .UpsertMultiple} (204), {@code .DeleteMultiple}
 * (elastic tables only), each with {@code {"Targets":[{"@odata.type":"Microsoft.Dynamics.CRM.<table>", ...}]}}
 * ("Use bulk operation messages", learn.microsoft.com/power-apps/developer/data-platform/bulk-operations).
 *
 * <p>A standard table is all or nothing: the first bad target's error is the answer and the caller's writer
 * unit rolls every write of the request back. An elastic table keeps the good targets and answers the first
 * failure's error; with {@code Prefer: odata.include-annotations="*"} the error carries
 * {@code @Plugin.BulkApiErrorDetails}, a JSON string of {@code [{"RequestIndex":n,"Id":"...","StatusCode":400}]},
 * one per failed target (the Web API shape is undocumented: this is the sandbox's choice, see docs/sandbox.md).
 */
final class BulkApi {

    static final String ACTION_PREFIX = "Microsoft.Dynamics.CRM.";
    static final String ERROR_DETAILS = "@Plugin.BulkApiErrorDetails";
    private static final String ODATA_TYPE = "@odata.type";
    private static final String ODATA_ID = "@odata.id";

    private final EnvironmentData data;
    private final RowWriter writer;
    private final String apiBase;

    BulkApi(EnvironmentData data, RowWriter writer, String apiBase) {
        this.data = data;
        this.writer = writer;
        this.apiBase = apiBase;
    }

    /** One failed target of an elastic table's request. */
    private record Failure(int index, Optional<UUID> id, DataverseError error) {
    }

    /**
     * A request's targets parsed, and a CreateMultiple's converted to stored values, before the writer lock is taken:
     * that work reads the body and the table's schema only, never a row, so it needs no lock, and taking it out of the
     * lock lets parallel requests parse while one writes. Everything that reads or writes rows (duplicate ids, lookups,
     * alternate keys, versions) stays under the lock in {@link #handle}, in the same order as before.
     */
    static final class Prepared {
        private final SandboxRequest request;
        private final TableSchema schema;
        private final List<ObjectNode> targets;
        private final List<RowWriter.CreateBody> creates;

        private Prepared(SandboxRequest request, TableSchema schema, List<ObjectNode> targets, List<RowWriter.CreateBody> creates) {
            this.request = request;
            this.schema = schema;
            this.targets = targets;
            this.creates = creates;
        }

        /** Whether this was prepared from {@code request} against the table's schema as it is now. */
        private boolean holdsFor(SandboxRequest other, Table table) {
            return request == other && schema == table.schema();
        }
    }

    /**
     * Prepares a bulk request outside the writer lock; empty when it is not one this can prepare or when preparing
     * fails: then {@link #handle} does all the work under the lock and answers the error exactly as before.
     */
    Optional<Prepared> prepare(SandboxRequest request, Table table, String action) {
        String message = action.substring(ACTION_PREFIX.length());
        if (!request.method().equals("POST") || !data.supportsBulk(table, message)
                || !List.of("CreateMultiple", "UpdateMultiple", "UpsertMultiple", "DeleteMultiple").contains(message)) {
            return Optional.empty();
        }
        TableSchema schema = table.schema();
        try {
            List<ObjectNode> targets = targets(request, schema);
            List<RowWriter.CreateBody> creates = new ArrayList<>();
            if (message.equals("CreateMultiple")) {
                for (ObjectNode target : targets) {
                    creates.add(RowWriter.CreateBody.of(schema, target));
                }
            }
            return Optional.of(new Prepared(request, schema, targets, creates));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    SandboxResponse handle(SandboxRequest request, Table table, String action, EnvironmentData.Journal journal) {
        return handle(request, table, action, journal, Optional.empty());
    }

    SandboxResponse handle(SandboxRequest request, Table table, String action, EnvironmentData.Journal journal,
                           Optional<Prepared> prepared) {
        String message = action.substring(ACTION_PREFIX.length());
        if (!List.of("CreateMultiple", "UpdateMultiple", "UpsertMultiple", "DeleteMultiple").contains(message)) {
            throw DataverseError.segmentNotFound(action);
        }
        if (!request.method().equals("POST")) {
            throw new DataverseError(405, DataverseError.RESOURCE_NOT_FOUND, "The HTTP method '" + request.method()
                    + "' is not allowed for this resource.");
        }
        TableSchema schema = table.schema();
        if (!data.supportsBulk(table, message)) {
            if (message.equals("DeleteMultiple")) {
                throw new DataverseError(400, DataverseError.UNEXPECTED, "DeleteMultiple has not yet been implemented.");
            }
            throw new DataverseError(400, DataverseError.UNEXPECTED, "The '" + message
                    + "' message is not supported for the '" + schema.logicalName() + "' entity.");
        }
        Optional<Prepared> usable = prepared.filter(p -> p.holdsFor(request, table));
        List<ObjectNode> targets = usable.isPresent() ? usable.get().targets : targets(request, schema);
        List<RowWriter.CreateBody> creates = usable.map(p -> p.creates).orElse(List.of());
        if (message.equals("UpsertMultiple")) {
            rejectDuplicateKeys(table, targets);
        }
        List<UUID> ids = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        Set<UUID> updated = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            ObjectNode target = targets.get(i);
            try {
                switch (message) {
                    case "CreateMultiple" -> ids.add((creates.isEmpty()
                            ? writer.create(journal, table, target, Optional.empty(), Map.of(), UnaryOperator.identity())
                            : writer.create(journal, table, creates.get(i), Optional.empty(), Map.of(), UnaryOperator.identity())).id());
                    case "UpdateMultiple" -> update(journal, table, target, updated);
                    case "UpsertMultiple" -> upsert(journal, table, target);
                    default -> delete(journal, table, target);
                }
            } catch (DataverseError e) {
                if (!schema.elastic()) {
                    // The Web API answers errors instead of throwing them, so the writer unit would keep the targets
                    // before this one: a standard table's request is all or nothing, so undo them here.
                    journal.rollback();
                    throw e;
                }
                failures.add(new Failure(i, bodyId(schema, target), e));
            }
        }
        if (!failures.isEmpty()) {
            return partialFailure(request, failures);
        }
        if (message.equals("CreateMultiple")) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("@odata.context", apiBase + "$metadata#Microsoft.Dynamics.CRM.CreateMultipleResponse");
            ArrayNode list = root.putArray("Ids");
            ids.forEach(id -> list.add(id.toString()));
            return WebApi.ok(200, root);
        }
        return SandboxResponse.empty(204);
    }

    private static List<ObjectNode> targets(SandboxRequest request, TableSchema schema) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(request.body());
        } catch (IOException e) {
            throw DataverseError.payload(schema.entitySetName(), "The request body is not valid JSON.");
        }
        if (root == null || !root.path("Targets").isArray()) {
            throw DataverseError.payload(schema.entitySetName(), "The parameter 'Targets' is missing: the body must be"
                    + " {\"Targets\":[...]}.");
        }
        String type = ACTION_PREFIX + schema.logicalName();
        List<ObjectNode> targets = new ArrayList<>();
        for (JsonNode item : root.path("Targets")) {
            if (!item.isObject()) {
                throw DataverseError.payload(schema.entitySetName(), "Every item of 'Targets' must be an object.");
            }
            String declared = item.path(ODATA_TYPE).asText("");
            if (declared.isEmpty()) {
                throw DataverseError.payload(schema.entitySetName(), "A resource of 'Targets' has no @odata.type annotation;"
                        + " every item must name its type, e.g. \"" + type + "\".");
            }
            if (!declared.replaceFirst("^#", "").equals(type)) {
                throw DataverseError.badRequest("The type '" + declared + "' of an item of 'Targets' is not '" + type + "'.");
            }
            targets.add((ObjectNode) item);
        }
        return targets;
    }

    /** UpdateMultiple: by primary key only (the Web API takes no alternate keys here); repeated keys: the first wins. */
    private void update(EnvironmentData.Journal journal, Table table, ObjectNode target, Set<UUID> updated) {
        TableSchema schema = table.schema();
        if (target.has(ODATA_ID) && reference(table, target).id().isEmpty()) {
            throw DataverseError.badRequest("UpdateMultiple does not accept alternate keys: identify each item of 'Targets'"
                    + " by its primary key '" + schema.primaryId() + "'.");
        }
        UUID id = target.has(ODATA_ID) ? reference(table, target).id().orElseThrow() : bodyId(schema, target)
                .orElseThrow(() -> DataverseError.badRequest("An item of 'Targets' has no value for the primary key '"
                        + schema.primaryId() + "' of '" + schema.logicalName() + "'."));
        if (!updated.add(id)) {
            return;
        }
        StoredRow row = table.row(id).orElseThrow(() -> DataverseError.notFound(schema.logicalName(), id));
        writer.update(journal, table, row, withoutReference(target), UnaryOperator.identity());
    }

    /** UpsertMultiple: {@code @odata.id} (primary or alternate key) or the primary key in the item; found = update. */
    private void upsert(EnvironmentData.Journal journal, Table table, ObjectNode target) {
        TableSchema schema = table.schema();
        EntityKey key = target.has(ODATA_ID) ? reference(table, target)
                : new EntityKey(bodyId(schema, target), Map.of());
        if (key.id().isEmpty() && key.alternate().isEmpty()) {
            throw DataverseError.badRequest("An item of 'Targets' of UpsertMultiple needs '@odata.id' or the primary key '"
                    + schema.primaryId() + "'.");
        }
        Optional<StoredRow> found = key.id().isPresent() ? table.row(key.id().get()) : table.findByKey(key.alternate());
        ObjectNode body = withoutReference(target);
        if (found.isPresent()) {
            writer.update(journal, table, found.get(), body, UnaryOperator.identity());
        } else {
            writer.create(journal, table, body, key.id(), key.alternate(), UnaryOperator.identity());
        }
    }

    private void delete(EnvironmentData.Journal journal, Table table, ObjectNode target) {
        TableSchema schema = table.schema();
        UUID id = bodyId(schema, target).orElseThrow(() -> DataverseError.badRequest("An item of 'Targets' has no value for"
                + " the primary key '" + schema.primaryId() + "'."));
        table.row(id).orElseThrow(() -> DataverseError.notFound(schema.logicalName(), id));
        data.delete(journal, table, id);
    }

    /** Two items naming one row make UpsertMultiple fail as a whole, before anything is written. */
    private void rejectDuplicateKeys(Table table, List<ObjectNode> targets) {
        Set<String> seen = new HashSet<>();
        for (ObjectNode target : targets) {
            String key = target.has(ODATA_ID) ? reference(table, target).describe().toLowerCase(java.util.Locale.ROOT)
                    : bodyId(table.schema(), target).map(UUID::toString).orElse(null);
            if (key != null && !seen.add(key)) {
                throw new DataverseError(400, DataverseError.DUPLICATE_RECORD, "UpsertMultiple: more than one item of"
                        + " 'Targets' has the key " + key + "; each record may appear once in a request.");
            }
        }
    }

    /** The row an item's {@code @odata.id} names: {@code <set>(<key>)}, relative or under the API base. */
    private EntityKey reference(Table table, ObjectNode target) {
        String text = target.path(ODATA_ID).asText("");
        String relative = text.startsWith(apiBase) ? text.substring(apiBase.length()) : text;
        String set = table.schema().entitySetName();
        if (!relative.startsWith(set + "(") || !relative.endsWith(")")) {
            throw DataverseError.badRequest("The @odata.id '" + text + "' of an item of 'Targets' does not name a row of " + set + ".");
        }
        return EntityKey.parse(table.schema(), relative.substring(set.length() + 1, relative.length() - 1));
    }

    private static ObjectNode withoutReference(ObjectNode target) {
        ObjectNode copy = target.deepCopy();
        copy.remove(ODATA_ID);
        return copy;
    }

    private static Optional<UUID> bodyId(TableSchema schema, ObjectNode target) {
        JsonNode id = target.get(schema.primaryId());
        return id != null && id.isTextual() ? Guids.parse(id.textValue()) : Optional.empty();
    }

    private static SandboxResponse partialFailure(SandboxRequest request, List<Failure> failures) {
        DataverseError first = failures.get(0).error();
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", first.code());
        error.put("message", first.getMessage());
        if (Prefer.of(request).includeAnnotations()) {
            List<Map<String, Object>> details = new ArrayList<>();
            for (Failure f : failures) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("RequestIndex", f.index());
                detail.put("Id", f.id().map(UUID::toString).orElse("00000000-0000-0000-0000-000000000000"));
                detail.put("StatusCode", f.error().status());
                details.add(detail);
            }
            try {
                error.put(ERROR_DETAILS, Json.MAPPER.writeValueAsString(details));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return WebApi.ok(first.status(), Json.MAPPER.valueToTree(Map.of("error", error)));
    }
}
