package io.dvbridge.sandbox.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvbridge.sandbox.http.Json;
import io.dvbridge.sandbox.http.SandboxRequest;
import io.dvbridge.sandbox.http.SandboxResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Web API of one environment for requests already authenticated: routes a path relative to
 * {@code /api/data/v9.2/} to the service document, entity sets, single rows, metadata or $batch.
 */
final class WebApi {

    private static final Pattern ENTITY = Pattern.compile("^([A-Za-z0-9_]+)\\((.*)\\)$");
    private final EnvironmentData data;
    private final String apiBase;
    private final RowWriter writer;
    private final RowJson json;
    private final CollectionQuery queries;
    private final MetadataApi metadata;
    private final UserPrivileges user;
    private final BulkApi bulk;
    private final SdkMessageFilters messageFilters;

    WebApi(EnvironmentData data, String apiBase, UUID organizationId) {
        this.data = data;
        this.apiBase = apiBase;
        this.writer = new RowWriter(data);
        this.json = new RowJson(data);
        this.queries = new CollectionQuery(json, apiBase, new ChangeTracking(data, json, apiBase), data::table);
        this.metadata = new MetadataApi(data, apiBase);
        this.user = new UserPrivileges(data, apiBase, organizationId);
        this.bulk = new BulkApi(data, writer, apiBase);
        this.messageFilters = new SdkMessageFilters(data, apiBase);
    }

    String apiBase() {
        return apiBase;
    }

    EnvironmentData data() {
        return data;
    }

    /**
     * @param relative          path after {@code /api/data/v9.x/}, still percent-encoded
     * @param contentReferences resolves {@code $n} Content-ID references inside a $batch changeset
     */
    SandboxResponse handle(SandboxRequest request, String relative, EnvironmentData.Journal journal,
                           UnaryOperator<String> contentReferences) {
        return handle(request, relative, journal, contentReferences, Optional.empty());
    }

    /**
     * The part of a write that reads no rows, done before the writer lock is taken: for now a bulk message's parsed and
     * converted targets ({@link BulkApi#prepare}). Empty for every other request, or when anything about it is off:
     * {@link #handle} then does the whole request under the lock, as it always did.
     */
    Optional<BulkApi.Prepared> prepare(SandboxRequest request, String relative) {
        try {
            String path = SandboxRequest.decodePath(relative);
            int slash = path.indexOf('/');
            if (slash < 0 || path.substring(0, slash).contains("(") || !path.substring(slash + 1).startsWith(BulkApi.ACTION_PREFIX)) {
                return Optional.empty();
            }
            return data.tableBySet(path.substring(0, slash)).flatMap(table -> bulk.prepare(request, table, path.substring(slash + 1)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @param prepared what {@link #prepare} made of this request outside the lock, if anything */
    SandboxResponse handle(SandboxRequest request, String relative, EnvironmentData.Journal journal,
                           UnaryOperator<String> contentReferences, Optional<BulkApi.Prepared> prepared) {
        try {
            String path = SandboxRequest.decodePath(relative);
            if (path.isEmpty()) {
                return serviceDocument(request);
            }
            if (path.equals("WhoAmI") || path.equals("WhoAmI()")) {
                return user.whoAmI();
            }
            Optional<SandboxResponse> function = user.answer(path);
            if (function.isPresent()) {
                return function.get();
            }
            if (path.startsWith("EntityDefinitions")) {
                return metadata.handle(request, path);
            }
            int slash = path.indexOf('/');
            if (slash >= 0 && path.substring(slash + 1).equals("$count") && !path.substring(0, slash).contains("(")) {
                Table table = data.tableBySet(path.substring(0, slash))
                        .orElseThrow(() -> DataverseError.segmentNotFound(path.substring(0, slash)));
                return request.method().equals("GET") ? queries.count(request, table) : methodNotAllowed(request);
            }
            if (slash >= 0 && !path.substring(0, slash).contains("(") && path.substring(slash + 1).startsWith(BulkApi.ACTION_PREFIX)) {
                Table table = data.tableBySet(path.substring(0, slash))
                        .orElseThrow(() -> DataverseError.segmentNotFound(path.substring(0, slash)));
                return bulk.handle(request, table, path.substring(slash + 1), journal, prepared);
            }
            if (slash >= 0 && !path.substring(0, slash).contains("(")) {
                throw DataverseError.segmentNotFound(path.substring(slash + 1));
            }
            Matcher entity = ENTITY.matcher(slash < 0 ? path : path.substring(0, slash));
            if (entity.matches()) {
                Table table = data.tableBySet(entity.group(1)).orElseThrow(() -> DataverseError.segmentNotFound(entity.group(1)));
                if (slash >= 0) {
                    return navigation(request, table, EntityKey.parse(table.schema(), entity.group(2)), path.substring(slash + 1), journal);
                }
                return single(request, table, EntityKey.parse(table.schema(), entity.group(2)), journal, contentReferences);
            }
            if (path.equals("sdkmessagefilters") && data.tableBySet(path).isEmpty()) {
                return request.method().equals("GET") ? messageFilters.query(request) : methodNotAllowed(request);
            }
            Table table = data.tableBySet(path).orElseThrow(() -> DataverseError.segmentNotFound(path));
            return switch (request.method()) {
                case "GET" -> queries.execute(request, table);
                case "POST" -> create(request, table, journal, contentReferences);
                default -> methodNotAllowed(request);
            };
        } catch (DataverseError e) {
            return e.toResponse();
        }
    }

    private SandboxResponse single(SandboxRequest request, Table table, EntityKey key, EnvironmentData.Journal journal,
                                   UnaryOperator<String> contentReferences) {
        Optional<StoredRow> found = key.id().isPresent() ? table.row(key.id().get()) : table.findByKey(key.alternate());
        if (table.schema().elastic() && key.id().isPresent()) {
            // An elastic row addressed by id alone lives in the partition ?partitionId= names (GET and DELETE), or a PATCH
            // body's partitionid, else in the default one.
            String partition = Optional.ofNullable(request.queryParameters().get("partitionId"))
                    .or(() -> request.method().equals("PATCH") ? bodyPartition(request) : Optional.empty()).orElse(null);
            found = found.filter(r -> java.util.Objects.equals(r.get(TableFactory.PARTITION_ID), partition));
        }
        String logical = table.schema().logicalName();
        switch (request.method()) {
            case "GET" -> {
                StoredRow row = found.orElseThrow(() -> DataverseError.notFound(logical, key.describe()));
                Optional<String> ifNoneMatch = request.header("If-None-Match");
                if (ifNoneMatch.isPresent() && ifNoneMatch.get().equals(row.etag())) {
                    return SandboxResponse.empty(304);
                }
                return entity(request, table, row, 200);
            }
            case "PATCH" -> {
                ObjectNode body = jsonBody(request, table);
                Optional<String> ifMatch = request.header("If-Match");
                Optional<String> ifNoneMatch = request.header("If-None-Match");
                StoredRow written;
                boolean created;
                if (found.isPresent() && ifNoneMatch.filter("*"::equals).isPresent()) {
                    throw new DataverseError(412, DataverseError.DUPLICATE_RECORD, "A record with matching key values already exists.");
                }
                if (found.isEmpty()) {
                    if (ifMatch.isPresent()) {
                        throw DataverseError.notFound(logical, key.describe());
                    }
                    written = writer.create(journal, table, body, key.id(), key.alternate(), contentReferences);
                    created = true;
                } else {
                    if (ifMatch.isPresent() && !ifMatch.get().equals("*") && !ifMatch.get().equals(found.get().etag())) {
                        throw new DataverseError(412, DataverseError.VERSION_MISMATCH,
                                "The version of the existing record doesn't match the RowVersion property provided.");
                    }
                    written = writer.update(journal, table, found.get(), body, contentReferences);
                    created = false;
                }
                return written(request, table, written, created ? 201 : 200);
            }
            case "DELETE" -> {
                StoredRow row = found.orElseThrow(() -> DataverseError.notFound(logical, key.describe()));
                Optional<String> ifMatch = request.header("If-Match");
                if (ifMatch.isPresent() && !ifMatch.get().equals("*") && !ifMatch.get().equals(row.etag())) {
                    throw new DataverseError(412, DataverseError.VERSION_MISMATCH,
                            "The version of the existing record doesn't match the RowVersion property provided.");
                }
                data.delete(journal, table, row.id());
                return SandboxResponse.empty(204);
            }
            default -> {
                return methodNotAllowed(request);
            }
        }
    }

    /** The {@code partitionid} of a JSON body, if it has one; a body that is not JSON is reported by the write itself. */
    private static Optional<String> bodyPartition(SandboxRequest request) {
        try {
            JsonNode node = Json.MAPPER.readTree(request.body());
            return node != null && node.path(TableFactory.PARTITION_ID).isTextual()
                    ? Optional.of(node.get(TableFactory.PARTITION_ID).asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * A collection-valued navigation property of an N:N relationship on one row: {@code GET <set>(<id>)/<navigation>}
     * lists the associated rows (paged), {@code POST <set>(<id>)/<navigation>/$ref} with {@code {"@odata.id": "<row URL>"}}
     * associates one row (204), as in "Associate and disassociate table rows using the Web API"
     * (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/associate-disassociate-entities-using-web-api).
     * Associating a pair that is already associated fails with 0x80040237 "Cannot insert duplicate key.".
     */
    private SandboxResponse navigation(SandboxRequest request, Table table, EntityKey key, String rest, EnvironmentData.Journal journal) {
        boolean reference = rest.endsWith("/$ref");
        String navigation = reference ? rest.substring(0, rest.length() - "/$ref".length()) : rest;
        String logical = table.schema().logicalName();
        ManyToManyRelationship relationship = data.navigation(logical, navigation)
                .orElseThrow(() -> DataverseError.segmentNotFound(navigation));
        StoredRow row = (key.id().isPresent() ? table.row(key.id().get()) : table.findByKey(key.alternate()))
                .orElseThrow(() -> DataverseError.notFound(logical, key.describe()));
        Table other = data.table(relationship.otherSide(logical, navigation)).orElseThrow();
        if (reference && request.method().equals("POST")) {
            UUID target = referencedRow(request, other);
            boolean first = relationship.fromEntity1(logical, navigation);
            if (!data.associate(journal, relationship, first ? row.id() : target, first ? target : row.id())) {
                throw new DataverseError(412, DataverseError.DUPLICATE_RECORD, "Cannot insert duplicate key.");
            }
            return SandboxResponse.empty(204);
        }
        if (reference || !request.method().equals("GET")) {
            return methodNotAllowed(request);
        }
        List<String> select = CollectionQuery.select(other.schema(), request.queryParameters().get("$select"));
        List<StoredRow> rows = data.associated(relationship, logical, navigation, row.id()).stream()
                .flatMap(id -> other.row(id).stream()).toList();
        int pageSize = Prefer.of(request).maxPageSize().orElse(5000);
        int skip = parseSkip(request.queryParameters().get("$skiptoken"));
        var root = Json.MAPPER.createObjectNode();
        root.put("@odata.context", apiBase + "$metadata#" + other.schema().entitySetName()
                + (select.isEmpty() ? "" : "(" + String.join(",", select) + ")"));
        var value = root.putArray("value");
        rows.stream().skip(skip).limit(pageSize)
                .forEach(r -> value.add(json.render(other.schema(), r, select, Prefer.of(request).includeAnnotations(), false)));
        if (skip + pageSize < rows.size()) {
            String query = select.isEmpty() ? "" : "$select=" + String.join(",", select) + "&";
            root.put("@odata.nextLink", apiBase + table.schema().entitySetName() + "(" + row.id() + ")/" + navigation + "?" + query
                    + "$skiptoken=" + (skip + pageSize));
        }
        return ok(200, root);
    }

    private static int parseSkip(String token) {
        if (token == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(token));
        } catch (NumberFormatException e) {
            throw DataverseError.badRequest("The $skiptoken '" + token + "' is not valid.");
        }
    }

    /** The row an {@code @odata.id} names: {@code <api base><set>(<id>)}, or {@code <set>(<id>)} relative to it. */
    private UUID referencedRow(SandboxRequest request, Table expected) {
        ObjectNode body = jsonBody(request, expected);
        String id = body.path("@odata.id").asText("");
        String relative = id.startsWith(apiBase) ? id.substring(apiBase.length()) : id;
        Matcher m = ENTITY.matcher(relative);
        if (!m.matches()) {
            throw DataverseError.badRequest("The @odata.id '" + id + "' does not name a row.");
        }
        if (!m.group(1).equals(expected.schema().entitySetName())) {
            throw DataverseError.badRequest("The @odata.id '" + id + "' names a row of " + m.group(1) + ", not of "
                    + expected.schema().entitySetName() + ".");
        }
        EntityKey key = EntityKey.parse(expected.schema(), m.group(2));
        StoredRow target = (key.id().isPresent() ? expected.row(key.id().get()) : expected.findByKey(key.alternate()))
                .orElseThrow(() -> DataverseError.notFound(expected.schema().logicalName(), key.describe()));
        return target.id();
    }

    private SandboxResponse create(SandboxRequest request, Table table, EnvironmentData.Journal journal,
                                   UnaryOperator<String> contentReferences) {
        StoredRow row = writer.create(journal, table, jsonBody(request, table), Optional.empty(), Map.of(), contentReferences);
        return written(request, table, row, 201);
    }

    /** 204 with OData-EntityId, or the row itself with return=representation (201 created, 200 updated). */
    private SandboxResponse written(SandboxRequest request, Table table, StoredRow row, int representationStatus) {
        String entityId = entityUrl(table, row.id());
        Prefer prefer = Prefer.of(request);
        if (prefer.returnRepresentation()) {
            return entity(request, table, row, representationStatus).withHeader("Preference-Applied", "return=representation");
        }
        return SandboxResponse.empty(204).withHeader("OData-EntityId", entityId).withHeader("ETag", row.etag());
    }

    /** One row as the answer: its $select-ed properties under an {@code /$entity} context, with its ETag. */
    private SandboxResponse entity(SandboxRequest request, Table table, StoredRow row, int status) {
        List<String> select = CollectionQuery.select(table.schema(), request.queryParameters().get("$select"));
        ObjectNode body = json.render(table.schema(), row, select, Prefer.of(request).includeAnnotations(), false);
        body.put("@odata.context", apiBase + "$metadata#" + table.schema().entitySetName() + "/$entity");
        return ok(status, contextFirst(body)).withHeader("ETag", row.etag());
    }

    String entityUrl(Table table, UUID id) {
        return apiBase + table.schema().entitySetName() + "(" + id + ")";
    }

    private SandboxResponse serviceDocument(SandboxRequest request) {
        if (!request.method().equals("GET")) {
            return methodNotAllowed(request);
        }
        var root = Json.MAPPER.createObjectNode();
        root.put("@odata.context", apiBase + "$metadata");
        var value = root.putArray("value");
        for (Table t : data.tables()) {
            value.addObject().put("name", t.schema().entitySetName()).put("kind", "EntitySet").put("url", t.schema().entitySetName());
        }
        value.addObject().put("name", "EntityDefinitions").put("kind", "EntitySet").put("url", "EntityDefinitions");
        return ok(200, root);
    }

    private static ObjectNode jsonBody(SandboxRequest request, Table table) {
        try {
            JsonNode node = Json.MAPPER.readTree(request.body());
            if (node == null || !node.isObject()) {
                throw DataverseError.payload(table.schema().entitySetName(), "The request body must be a JSON object.");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw DataverseError.payload(table.schema().entitySetName(), "The request body is not valid JSON: "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    /** Puts OData annotations such as @odata.context first, as Dataverse does. */
    static ObjectNode contextFirst(ObjectNode body) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        if (body.has("@odata.context")) {
            out.set("@odata.context", body.get("@odata.context"));
        }
        body.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("@odata.context")) {
                out.set(f.getKey(), f.getValue());
            }
        });
        return out;
    }

    static SandboxResponse ok(int status, JsonNode body) {
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json; odata.metadata=minimal");
            headers.put("OData-Version", "4.0");
            return SandboxResponse.of(status, headers, Json.MAPPER.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SandboxResponse methodNotAllowed(SandboxRequest request) {
        return new DataverseError(405, "0x80060888", "The HTTP method '" + request.method() + "' is not allowed for this resource.")
                .toResponse();
    }
}
