package io.dvbridge.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvbridge.config.DvEnvironment;
import io.dvbridge.metrics.DvMetrics;
import io.dvbridge.http.HttpClients;
import io.dvbridge.http.HttpResult;
import io.dvbridge.http.OutboundRequest;
import io.dvbridge.http.ResilientHttpExecutor;
import io.dvbridge.http.RetryPolicy;
import io.dvbridge.http.TransportFailureException;
import io.dvbridge.http.UriText;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Dataverse Web API of one environment: queries with paging, single writes, $batch, metadata.
 * Plain Java, no Camel; the {@code dataverse:} component is a thin adapter over it. Thread-safe.
 */
public final class DataverseClient {

    /** Dataverse answers at most this many requests in one $batch. */
    public static final int MAX_BATCH_REQUESTS = 1000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final URI apiBase;
    private final ResilientHttpExecutor http;
    private final RetryPolicy policy;
    private final ConcurrentMap<String, EntityMetadata> metadataCache;

    /**
     * @param httpClient    the environment's shared client
     * @param metadataCache shared by every client of the same environment
     */
    public DataverseClient(DvEnvironment environment, HttpClient httpClient, RetryPolicy policy,
                           ConcurrentMap<String, EntityMetadata> metadataCache) {
        this(environment, httpClient, policy, metadataCache, io.dvbridge.http.ConcurrencyLimiter.NONE, DvMetrics.none());
    }

    /**
     * @param limiter paces every request of the environment's application user, shared by all its clients
     * @param metrics records requests and tokens
     */
    public DataverseClient(DvEnvironment environment, HttpClient httpClient, RetryPolicy policy,
                           ConcurrentMap<String, EntityMetadata> metadataCache, io.dvbridge.http.ConcurrencyLimiter limiter,
                           DvMetrics metrics) {
        this.apiBase = environment.dataverseApiUrl();
        this.http = new ResilientHttpExecutor("Dataverse", httpClient, apiBase, environment.dataverseScope(), environment.tokens(),
                limiter, metrics.service(environment.name(), "dataverse"));
        this.policy = policy;
        this.metadataCache = metadataCache;
    }

    /** A client with its own HTTP client and metadata cache, for use outside Camel. */
    public static DataverseClient connect(DvEnvironment environment, RetryPolicy policy) {
        return new DataverseClient(environment, HttpClients.forEnvironment(environment.tls(), Duration.ofSeconds(30)),
                policy, new ConcurrentHashMap<>());
    }

    public URI apiBase() {
        return apiBase;
    }

    // ---------------------------------------------------------------- queries

    /**
     * The query's rows page by page, fetched lazily as the iterator advances. Every {@code @odata.nextLink}
     * is followed verbatim (same origin only) with the same {@code Prefer: odata.maxpagesize}.
     */
    public Iterator<List<Map<String, Object>>> queryPages(DataverseQuery query) {
        return new PageIterator(query);
    }

    /** The query's rows one by one, fetched a page at a time. */
    public Iterator<Map<String, Object>> queryRows(DataverseQuery query) {
        return rows(queryPages(query));
    }

    /**
     * The rows associated with one row through the collection-valued navigation property of an N:N relationship,
     * page by page: {@code GET <entitySet>(<key>)/<navigation>?$select=...}, following {@code @odata.nextLink}
     * ("Associate and disassociate table rows using the Web API" and "Retrieve related table rows with a query",
     * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/retrieve-related-entities-query).
     */
    public Iterator<List<Map<String, Object>>> relatedPages(String entitySet, EntityKey key, String navigation, List<String> select,
                                                            int pageSize, Optional<String> includeAnnotations) {
        requireName(navigation, "navigation property");
        DataverseQuery query = new DataverseQuery(entitySet, select, Optional.empty(), Optional.empty(), Optional.empty(), pageSize, 0,
                includeAnnotations);
        String options = select.isEmpty() ? "" : "?$select=" + select.stream().map(UriText::queryValue).collect(Collectors.joining(","));
        return new PageIterator(query, URI.create(rowUrl(apiBase, entitySet, Optional.of(key)) + "/" + navigation + options));
    }

    /** The rows of lazily fetched pages, one at a time; a page is fetched only when its rows are needed. */
    public static Iterator<Map<String, Object>> rows(Iterator<List<Map<String, Object>>> pages) {
        return new Iterator<>() {
            private Iterator<Map<String, Object>> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && pages.hasNext()) {
                    current = pages.next().iterator();
                }
                return current.hasNext();
            }

            @Override
            public Map<String, Object> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    public List<Map<String, Object>> queryAll(DataverseQuery query) {
        return all(queryPages(query));
    }

    /** Every row of the pages, fetching them all. */
    public static List<Map<String, Object>> all(Iterator<List<Map<String, Object>>> pages) {
        List<Map<String, Object>> rows = new ArrayList<>();
        pages.forEachRemaining(rows::addAll);
        return rows;
    }

    /**
     * The rows of a FetchXML query on {@code entitySet}, {@code pageSize} per page, fetched lazily as the
     * iterator advances; pages after the first are asked for with the paging cookie Dataverse returned
     * (see {@link FetchXmlPaging}). Annotations are always requested: the cookie is one.
     *
     * @throws IllegalArgumentException when {@code fetchXml} is not a FetchXML document
     */
    public Iterator<List<Map<String, Object>>> fetchPages(String entitySet, String fetchXml, int pageSize) {
        requireName(entitySet, "entity set");
        if (pageSize < 1 || pageSize > DataverseQuery.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be between 1 and " + DataverseQuery.MAX_PAGE_SIZE + ", not " + pageSize);
        }
        FetchXmlPaging paging = new FetchXmlPaging(fetchXml);
        Map<String, String> headers = new LinkedHashMap<>(STANDARD_HEADERS);
        headers.put("Prefer", "odata.include-annotations=\"*\"");
        return new Iterator<>() {
            private Optional<FetchXmlPaging.Next> next = Optional.of(new FetchXmlPaging.Next(1, ""));
            private List<Map<String, Object>> buffered;

            @Override
            public boolean hasNext() {
                while (buffered == null && next.isPresent()) {
                    fetch(next.get());
                }
                return buffered != null;
            }

            @Override
            public List<Map<String, Object>> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<Map<String, Object>> page = buffered;
                buffered = null;
                return page;
            }

            private void fetch(FetchXmlPaging.Next page) {
                String xml = paging.page(page.page(), pageSize, page.cookie().isEmpty() ? Optional.empty() : Optional.of(page.cookie()));
                URI url = URI.create(apiBase + entitySet + "?fetchXml=" + UriText.queryValue(xml));
                JsonNode body = DataverseJson.tree(send("fetch", entitySet, OutboundRequest.get(url, headers)).body());
                List<Map<String, Object>> rows = new ArrayList<>();
                body.path("value").forEach(row -> rows.add(DataverseJson.row(row)));
                boolean more = body.path("@Microsoft.Dynamics.CRM.morerecords").asBoolean(false);
                JsonNode cookie = body.path("@Microsoft.Dynamics.CRM.fetchxmlpagingcookie");
                next = !more ? Optional.empty() : cookie.isTextual()
                        ? FetchXmlPaging.next(cookie.asText()).or(() -> Optional.of(new FetchXmlPaging.Next(page.page() + 1, "")))
                        : Optional.of(new FetchXmlPaging.Next(page.page() + 1, ""));
                if (!rows.isEmpty()) {
                    buffered = rows;
                }
            }
        };
    }

    URI firstPageUrl(DataverseQuery query) {
        List<String> options = new ArrayList<>();
        if (!query.select().isEmpty()) {
            options.add("$select=" + query.select().stream().map(UriText::queryValue).collect(Collectors.joining(",")));
        }
        query.filter().ifPresent(f -> options.add("$filter=" + UriText.queryValue(f)));
        query.orderBy().ifPresent(o -> options.add("$orderby=" + UriText.queryValue(o)));
        query.expand().ifPresent(e -> options.add("$expand=" + UriText.queryValue(e)));
        String url = apiBase + query.entitySet() + (options.isEmpty() ? "" : "?" + String.join("&", options));
        return URI.create(url);
    }

    // ---------------------------------------------------------------- change tracking

    /** The first page of an initial change-tracking sync: {@code <entitySet>?$select=...}. */
    public URI changesUrl(String entitySet, List<String> select) {
        requireName(entitySet, "entity set");
        if (select.isEmpty()) {
            throw new IllegalArgumentException("Change tracking of " + entitySet + " needs the columns to read ($select)");
        }
        return URI.create(apiBase + entitySet + "?$select=" + select.stream().map(UriText::queryValue).collect(Collectors.joining(",")));
    }

    /**
     * One page of changes: the first page of a sync, an {@code @odata.nextLink} or an {@code @odata.deltaLink}, sent
     * verbatim (same origin only) with {@code Prefer: odata.track-changes,odata.maxpagesize=N}.
     *
     * @throws DataverseException whose {@link ChangePage#positionRefused} says when only a full sync can go on
     */
    public ChangePage changePage(String entitySet, URI link, int maxPageSize, Optional<String> includeAnnotations) {
        requireName(entitySet, "entity set");
        if (maxPageSize < 1 || maxPageSize > DataverseQuery.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("maxPageSize must be between 1 and " + DataverseQuery.MAX_PAGE_SIZE + ", not " + maxPageSize);
        }
        http.origin().requireSame(link);
        Map<String, String> headers = new LinkedHashMap<>(STANDARD_HEADERS);
        headers.put("Prefer", "odata.track-changes,odata.maxpagesize=" + maxPageSize
                + includeAnnotations.map(a -> ",odata.include-annotations=\"" + a + "\"").orElse(""));
        return ChangePage.read(DataverseJson.tree(send("changes", entitySet, OutboundRequest.get(link, headers)).body()));
    }

    /**
     * The rows of a table, {@code GET <entitySet>/$count}. Dataverse answers at most {@link #COUNT_CAP} for a standard
     * table (learn.microsoft.com/power-apps/developer/data-platform/webapi/query/count-rows): an answer of the cap
     * means "at least that many".
     */
    public long count(String entitySet) {
        requireName(entitySet, "entity set");
        HttpResult result = send("count", entitySet, OutboundRequest.get(URI.create(apiBase + entitySet + "/$count"),
                Map.of("Accept", "text/plain", "OData-MaxVersion", "4.0", "OData-Version", "4.0")));
        try {
            return Long.parseLong(result.bodyText().trim());
        } catch (NumberFormatException e) {
            throw new DataverseException(result.status(), "", "The row count is not a number", "count", entitySet, result.bodyText(), e);
        }
    }

    /** Whether a saved link (a change position) points at this environment: a link to another host is never followed. */
    public boolean ownLink(URI link) {
        return http.origin().contains(link);
    }

    /** The most {@code $count} answers for a standard table. */
    public static final long COUNT_CAP = 5000;

    /** How many rows were written and deleted since a delta link's token: {@code GET <entitySet>/$count?$deltatoken=...}. */
    public long countChanges(String entitySet, URI deltaLink) {
        requireName(entitySet, "entity set");
        http.origin().requireSame(deltaLink);
        String query = Optional.ofNullable(deltaLink.getRawQuery()).orElse("");
        String token = java.util.Arrays.stream(query.split("&")).filter(p -> p.startsWith("$deltatoken=") || p.startsWith("%24deltatoken="))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("Not a delta link (no $deltatoken): " + deltaLink));
        HttpResult result = send("countChanges", entitySet, OutboundRequest.get(URI.create(apiBase + entitySet + "/$count?" + token),
                Map.of("Accept", "text/plain", "OData-MaxVersion", "4.0", "OData-Version", "4.0")));
        try {
            return Long.parseLong(result.bodyText().trim());
        } catch (NumberFormatException e) {
            throw new DataverseException(result.status(), "", "The count of changes is not a number", "countChanges", entitySet,
                    result.bodyText(), e);
        }
    }

    private final class PageIterator implements Iterator<List<Map<String, Object>>> {
        private final DataverseQuery query;
        private final Map<String, String> headers;
        private Optional<URI> next;
        private List<Map<String, Object>> buffered;
        private long delivered;

        PageIterator(DataverseQuery query) {
            this(query, firstPageUrl(query));
        }

        PageIterator(DataverseQuery query, URI first) {
            this.query = query;
            List<String> prefer = new ArrayList<>();
            prefer.add("odata.maxpagesize=" + query.effectivePageSize());
            query.includeAnnotations().ifPresent(a -> prefer.add("odata.include-annotations=\"" + a + "\""));
            Map<String, String> h = new LinkedHashMap<>(STANDARD_HEADERS);
            h.put("Prefer", String.join(",", prefer));
            this.headers = Map.copyOf(h);
            this.next = Optional.of(first);
        }

        @Override
        public boolean hasNext() {
            while (buffered == null && next.isPresent() && !limitReached()) {
                fetch(next.get());
            }
            return buffered != null;
        }

        @Override
        public List<Map<String, Object>> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            List<Map<String, Object>> page = buffered;
            buffered = null;
            return page;
        }

        private boolean limitReached() {
            return query.maxRows() > 0 && delivered >= query.maxRows();
        }

        private void fetch(URI url) {
            HttpResult result = send("query", query.entitySet(), OutboundRequest.get(url, headers));
            JsonNode body = DataverseJson.tree(result.body());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (JsonNode row : body.path("value")) {
                if (query.maxRows() > 0 && delivered + rows.size() >= query.maxRows()) {
                    break;
                }
                rows.add(DataverseJson.row(row));
            }
            delivered += rows.size();
            JsonNode link = body.path("@odata.nextLink");
            // Verbatim: URI.create keeps the server's percent-escapes; the executor checks the origin.
            next = link.isTextual() ? Optional.of(nextLink(link.asText())) : Optional.empty();
            if (!rows.isEmpty()) {
                buffered = rows;
            }
        }

        private URI nextLink(String link) {
            try {
                URI uri = URI.create(link);
                http.origin().requireSame(uri);
                return uri;
            } catch (IllegalArgumentException notAUri) {
                throw new DataverseException(200, "", "Dataverse sent a nextLink that is not a valid URL", "query",
                        query.entitySet(), "", notAUri);
            }
        }
    }

    // ---------------------------------------------------------------- single rows

    public Map<String, Object> get(String entitySet, EntityKey key, List<String> select, Optional<String> includeAnnotations) {
        requireName(entitySet, "entity set");
        String url = rowUrl(apiBase, entitySet, Optional.of(key))
                + (select.isEmpty() ? "" : "?$select=" + select.stream().map(UriText::queryValue).collect(Collectors.joining(",")));
        Map<String, String> headers = new LinkedHashMap<>(STANDARD_HEADERS);
        includeAnnotations.ifPresent(a -> headers.put("Prefer", "odata.include-annotations=\"" + a + "\""));
        HttpResult result = send("get", entitySet, OutboundRequest.get(URI.create(url), headers));
        return DataverseJson.row(DataverseJson.tree(result.body()));
    }

    /** POST: 204 + OData-EntityId, or 201 with the row when {@code returnRepresentation}. Never retried on 5xx. */
    public WriteResponse create(String entitySet, Map<String, Object> row, boolean returnRepresentation) {
        requireName(entitySet, "entity set");
        return write("create", entitySet, "POST", rowUrl(apiBase, entitySet, Optional.empty()), row, Map.of(),
                returnRepresentation, false);
    }

    /** PATCH with If-Match ({@code *} = the row must exist; an ETag = the row must still be at that version). */
    public WriteResponse update(String entitySet, EntityKey key, Map<String, Object> row, String ifMatch,
                                boolean returnRepresentation) {
        requireName(entitySet, "entity set");
        return write("update", entitySet, "PATCH", rowUrl(apiBase, entitySet, Optional.of(key)), row,
                Map.of("If-Match", ifMatch), returnRepresentation, true);
    }

    /** PATCH without If-Match: creates or updates; with {@code createOnly}, If-None-Match: * makes an existing row a 412. */
    public WriteResponse upsert(String entitySet, EntityKey key, Map<String, Object> row, boolean createOnly,
                                boolean returnRepresentation) {
        requireName(entitySet, "entity set");
        return write("upsert", entitySet, "PATCH", rowUrl(apiBase, entitySet, Optional.of(key)), row,
                createOnly ? Map.of("If-None-Match", "*") : Map.of(), returnRepresentation, true);
    }

    public void delete(String entitySet, EntityKey key, Optional<String> ifMatch) {
        requireName(entitySet, "entity set");
        Map<String, String> headers = new LinkedHashMap<>(STANDARD_HEADERS);
        ifMatch.ifPresent(etag -> headers.put("If-Match", etag));
        send("delete", entitySet, new OutboundRequest("DELETE", URI.create(rowUrl(apiBase, entitySet, Optional.of(key))),
                headers, Optional.empty(), true));
    }

    private WriteResponse write(String operation, String entitySet, String method, String url, Map<String, Object> row,
                                Map<String, String> extraHeaders, boolean returnRepresentation, boolean idempotent) {
        Map<String, String> headers = new LinkedHashMap<>(STANDARD_HEADERS);
        headers.put("Content-Type", "application/json");
        headers.putAll(extraHeaders);
        if (returnRepresentation) {
            headers.put("Prefer", "return=representation");
        }
        HttpResult result = send(operation, entitySet, new OutboundRequest(method, URI.create(url), headers,
                Optional.of(DataverseJson.write(row)), idempotent));
        Optional<Map<String, Object>> body = result.body().length == 0
                ? Optional.empty() : Optional.of(DataverseJson.row(DataverseJson.tree(result.body())));
        Optional<String> etag = result.header("ETag").or(() -> body.map(b -> b.get("@odata.etag"))
                .filter(String.class::isInstance).map(String.class::cast));
        return new WriteResponse(result.status(), result.header("OData-EntityId").flatMap(BatchResponseReader::keyOf), etag, body);
    }

    // ---------------------------------------------------------------- $batch

    /**
     * Sends the writes in $batch requests of at most {@code batchSize} (<= 1,000) and returns one result per
     * write, in order. Atomic: all writes in one changeset (so at most 1,000: atomicity cannot span batches).
     * Not atomic: every write on its own with {@code Prefer: odata.continue-on-error}.
     *
     * @throws IllegalArgumentException for an atomic list over 1,000 writes or duplicate Content-IDs
     */
    public List<DataverseWriteResult> batch(List<DataverseWrite> writes, boolean atomic, int batchSize) {
        if (batchSize < 1 || batchSize > MAX_BATCH_REQUESTS) {
            throw new IllegalArgumentException("batchSize must be between 1 and " + MAX_BATCH_REQUESTS + ", not " + batchSize);
        }
        if (atomic && writes.size() > MAX_BATCH_REQUESTS) {
            throw new IllegalArgumentException("An atomic batch holds at most " + MAX_BATCH_REQUESTS + " writes (got "
                    + writes.size() + "); atomicity cannot span several $batch requests, so split the work or use atomic=false");
        }
        List<DataverseWrite> identified = withContentIds(writes);
        int chunk = atomic ? MAX_BATCH_REQUESTS : batchSize;
        List<DataverseWriteResult> results = new ArrayList<>(writes.size());
        for (int from = 0; from < identified.size(); from += chunk) {
            List<DataverseWrite> slice = identified.subList(from, Math.min(from + chunk, identified.size()));
            results.addAll(sendBatch(slice, atomic, from));
        }
        return results;
    }

    private List<DataverseWriteResult> sendBatch(List<DataverseWrite> writes, boolean atomic, int firstIndex) {
        BatchRequestBody body = BatchRequestBody.build(apiBase, writes, atomic);
        Map<String, String> headers = new LinkedHashMap<>(STANDARD_HEADERS);
        headers.put("Content-Type", body.contentType());
        if (!atomic) {
            headers.put("Prefer", "odata.continue-on-error");
        }
        boolean idempotent = writes.stream().allMatch(DataverseWrite::idempotent);
        OutboundRequest request = new OutboundRequest("POST", apiBase.resolve("$batch"), headers, Optional.of(body.bytes()),
                idempotent);
        HttpResult result = sendAllowingStatus("batch", "", request);
        Optional<String> boundary = result.header("Content-Type")
                .filter(type -> type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/"))
                .flatMap(Multipart::boundaryOf);
        if (boundary.isEmpty()) {
            throw failure("batch", "", result);
        }
        try {
            return BatchResponseReader.read(writes, atomic, boundary.get(), result.bodyText(), firstIndex);
        } catch (RuntimeException unreadable) {
            throw new DataverseException(result.status(), "", "The $batch response cannot be read: " + unreadable.getMessage(),
                    "batch", "", result.bodyText(), unreadable);
        }
    }

    private static List<DataverseWrite> withContentIds(List<DataverseWrite> writes) {
        List<DataverseWrite> identified = new ArrayList<>(writes.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < writes.size(); i++) {
            DataverseWrite write = writes.get(i);
            requireName(write.entitySet(), "entity set");
            String id = write.contentId().orElse(String.valueOf(i + 1));
            if (!seen.add(id)) {
                throw new IllegalArgumentException("Two writes share Content-ID " + id + " (write " + (i + 1) + ")");
            }
            identified.add(write.withContentId(id));
        }
        return identified;
    }

    // ---------------------------------------------------------------- bulk

    /**
     * What bulk writes need to know of a table: its entity set, primary key, whether it is elastic
     * (EntityDefinitions TableType), and which bulk messages it supports, read from sdkmessagefilters as
     * "Use bulk operation messages" shows (UpsertMultiple is never listed: a table supports it when it
     * supports both CreateMultiple and UpdateMultiple).
     */
    public BulkTarget bulkTarget(String logicalName) {
        requireName(logicalName, "logical name");
        String definition = apiBase + "EntityDefinitions(LogicalName=" + UriText.pathSegment(ODataLiteral.quoted(logicalName)) + ")";
        JsonNode entity = getJson(logicalName, definition + "?$select=LogicalName,EntitySetName,PrimaryIdAttribute,TableType");
        boolean elastic = "Elastic".equalsIgnoreCase(entity.path("TableType").asText(""));
        return new BulkTarget(logicalName, entity.path("EntitySetName").asText(""), entity.path("PrimaryIdAttribute").asText(""),
                elastic, elastic || supports("CreateMultiple", logicalName), elastic || supports("UpdateMultiple", logicalName));
    }

    private boolean supports(String message, String logicalName) {
        String filter = "sdkmessageid/name eq " + ODataLiteral.quoted(message) + " and primaryobjecttypecode eq "
                + ODataLiteral.quoted(logicalName);
        JsonNode answer = getJson(logicalName, apiBase + "sdkmessagefilters?$select=sdkmessagefilterid&$filter="
                + UriText.queryValue(filter));
        return answer.path("value").size() > 0;
    }

    /**
     * POSTs a JSON body and hands back whatever status came (after the pipeline's retries and Retry-After
     * waits): bulk writes read per-row failures out of error answers themselves.
     *
     * @throws DataverseException with status 0 when no answer came at all
     */
    HttpResult postForAnswer(String operation, String entitySet, String path, Map<String, String> extraHeaders, byte[] body,
                             boolean idempotent) {
        Map<String, String> headers = new LinkedHashMap<>(STANDARD_HEADERS);
        headers.put("Content-Type", "application/json");
        headers.putAll(extraHeaders);
        return sendAllowingStatus(operation, entitySet, new OutboundRequest("POST", URI.create(apiBase + path), headers,
                Optional.of(body), idempotent));
    }

    // ---------------------------------------------------------------- identity

    /** WhoAmI: the calling user's {@code UserId}, {@code BusinessUnitId} and {@code OrganizationId}. */
    public Map<String, Object> whoAmI() {
        return DataverseJson.row(DataverseJson.tree(send("whoAmI", "", OutboundRequest.get(URI.create(apiBase + "WhoAmI"), STANDARD_HEADERS)).body()));
    }

    /**
     * The calling user's privileges through RetrieveUserPrivileges: one map per privilege with
     * {@code PrivilegeName}, {@code Depth}, {@code PrivilegeId} and {@code BusinessUnitId}.
     */
    public List<Map<String, Object>> privileges() {
        String userId = String.valueOf(whoAmI().get("UserId"));
        if (!ODataLiteral.isGuid(userId)) {
            throw new DataverseException(200, "", "WhoAmI answered no user id", "privileges", "systemusers", "", null);
        }
        JsonNode answer = DataverseJson.tree(send("privileges", "systemusers", OutboundRequest.get(URI.create(apiBase + "systemusers("
                + userId + ")/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()"), STANDARD_HEADERS)).body());
        List<Map<String, Object>> privileges = new ArrayList<>();
        answer.path("RolePrivileges").forEach(p -> privileges.add(DataverseJson.row(p)));
        return privileges;
    }

    // ---------------------------------------------------------------- metadata

    /** The table's definition and columns, read once per environment and then served from the cache. */
    public EntityMetadata metadata(String logicalName) {
        requireName(logicalName, "logical name");
        return metadataCache.computeIfAbsent(logicalName, this::readMetadata);
    }

    /**
     * The table's definition as {@link #metadata} reads it, with its many-to-many relationships
     * (EntityDefinitions(LogicalName='x')/ManyToManyRelationships, ManyToManyRelationshipMetadata:
     * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/manytomanyrelationshipmetadata).
     */
    public EntityMetadata metadataWithManyToMany(String logicalName) {
        EntityMetadata table = metadata(logicalName);
        if (table.manyToMany().isPresent()) {
            return table;
        }
        String definition = apiBase + "EntityDefinitions(LogicalName=" + UriText.pathSegment(ODataLiteral.quoted(logicalName)) + ")";
        List<ManyToManyRelationship> relationships = new ArrayList<>();
        getJson(logicalName, definition + "/ManyToManyRelationships?$select=SchemaName,Entity1LogicalName,Entity2LogicalName,"
                + "Entity1NavigationPropertyName,Entity2NavigationPropertyName,IntersectEntityName")
                .path("value").forEach(r -> relationships.add(new ManyToManyRelationship(r.path("SchemaName").asText(""),
                        r.path("Entity1LogicalName").asText(""), r.path("Entity2LogicalName").asText(""),
                        r.path("Entity1NavigationPropertyName").asText(""), r.path("Entity2NavigationPropertyName").asText(""),
                        r.path("IntersectEntityName").asText(""))));
        EntityMetadata complete = table.withManyToMany(relationships);
        metadataCache.put(logicalName, complete);
        return complete;
    }

    /** Forgets cached definitions (after a schema change). */
    public void forgetMetadata() {
        metadataCache.clear();
    }

    private EntityMetadata readMetadata(String logicalName) {
        String definition = apiBase + "EntityDefinitions(LogicalName=" + UriText.pathSegment(ODataLiteral.quoted(logicalName)) + ")";
        JsonNode entity = getJson(logicalName, definition
                + "?$select=LogicalName,EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute,ChangeTrackingEnabled");
        JsonNode attributes = getJson(logicalName, definition
                + "/Attributes?$select=LogicalName,AttributeType,AttributeTypeName,RequiredLevel,IsValidForCreate,IsValidForUpdate");
        Set<String> types = new HashSet<>();
        attributes.path("value").forEach(a -> types.add(a.path("AttributeType").asText("")));
        Map<String, Integer> maxLengths = new LinkedHashMap<>();
        if (types.contains("String")) {
            getJson(logicalName, definition + "/Attributes/Microsoft.Dynamics.CRM.StringAttributeMetadata?$select=LogicalName,MaxLength")
                    .path("value").forEach(a -> {
                        if (a.path("MaxLength").canConvertToInt() && a.path("MaxLength").isNumber()) {
                            maxLengths.put(a.path("LogicalName").asText(), a.path("MaxLength").asInt());
                        }
                    });
        }
        Map<String, String> behaviors = new LinkedHashMap<>();
        if (types.contains("DateTime")) {
            getJson(logicalName, definition + "/Attributes/Microsoft.Dynamics.CRM.DateTimeAttributeMetadata?$select=LogicalName,DateTimeBehavior")
                    .path("value").forEach(a -> behaviors.put(a.path("LogicalName").asText(), a.path("DateTimeBehavior").path("Value").asText("")));
        }
        Map<String, List<OptionMetadata>> options = new LinkedHashMap<>();
        if (types.contains("Picklist")) {
            getJson(logicalName, definition + "/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName"
                    + "&$expand=" + UriText.queryValue("OptionSet($select=Options)"))
                    .path("value").forEach(a -> options.put(a.path("LogicalName").asText(), options(a.path("OptionSet").path("Options"))));
        }
        if (types.contains("Virtual")) {
            // Multi-select choices report AttributeType Virtual; their options come through their own cast.
            getJson(logicalName, definition + "/Attributes/Microsoft.Dynamics.CRM.MultiSelectPicklistAttributeMetadata?$select=LogicalName"
                    + "&$expand=" + UriText.queryValue("OptionSet($select=Options)"))
                    .path("value").forEach(a -> options.put(a.path("LogicalName").asText(), options(a.path("OptionSet").path("Options"))));
        }
        Map<String, JsonNode> limits = new LinkedHashMap<>();
        // Each numeric cast has only the properties Dataverse declares on it; selecting another is a 400.
        for (String[] cast : NUMERIC_CASTS) {
            if (types.contains(cast[0])) {
                getJson(logicalName, definition + "/Attributes/Microsoft.Dynamics.CRM." + cast[1] + "?$select=LogicalName," + cast[2])
                        .path("value").forEach(a -> limits.put(a.path("LogicalName").asText(), a));
            }
        }
        Map<String, List<String>> targets = new LinkedHashMap<>();
        if (types.contains("Lookup") || types.contains("Customer") || types.contains("Owner")) {
            getJson(logicalName, definition + "/Attributes/Microsoft.Dynamics.CRM.LookupAttributeMetadata?$select=LogicalName,Targets")
                    .path("value").forEach(a -> {
                        List<String> names = new ArrayList<>();
                        a.path("Targets").forEach(t -> names.add(t.asText()));
                        targets.put(a.path("LogicalName").asText(), names);
                    });
        }
        List<AttributeMetadata> columns = new ArrayList<>();
        for (JsonNode a : attributes.path("value")) {
            String name = a.path("LogicalName").asText();
            columns.add(new AttributeMetadata(name, a.path("AttributeType").asText(""),
                    a.path("AttributeTypeName").path("Value").asText(""),
                    a.path("RequiredLevel").path("Value").asText("None"),
                    a.path("IsValidForCreate").asBoolean(false), a.path("IsValidForUpdate").asBoolean(false),
                    maxLengths.containsKey(name) ? OptionalInt.of(maxLengths.get(name)) : OptionalInt.empty(),
                    options.getOrDefault(name, List.of()), behaviors.getOrDefault(name, ""),
                    number(limits.get(name), "MinValue"), number(limits.get(name), "MaxValue"),
                    limits.containsKey(name) && limits.get(name).path("Precision").isInt()
                            ? OptionalInt.of(limits.get(name).path("Precision").asInt()) : OptionalInt.empty(),
                    targets.getOrDefault(name, List.of())));
        }
        List<LookupRelationship> lookups = new ArrayList<>();
        if (types.contains("Lookup") || types.contains("Customer") || types.contains("Owner")) {
            getJson(logicalName, definition + "/ManyToOneRelationships?$select=ReferencingAttribute,ReferencedEntity,"
                    + "ReferencingEntityNavigationPropertyName,ReferencedAttribute,SchemaName")
                    .path("value").forEach(r -> lookups.add(new LookupRelationship(r.path("SchemaName").asText(""),
                            r.path("ReferencingAttribute").asText(""), r.path("ReferencedEntity").asText(""),
                            r.path("ReferencedAttribute").asText(""), r.path("ReferencingEntityNavigationPropertyName").asText(""))));
        }
        List<AlternateKey> keys = new ArrayList<>();
        getJson(logicalName, definition + "/Keys?$select=LogicalName,KeyAttributes").path("value").forEach(k -> {
            List<String> columnsOfKey = new ArrayList<>();
            k.path("KeyAttributes").forEach(c -> columnsOfKey.add(c.asText()));
            keys.add(new AlternateKey(k.path("LogicalName").asText(""), columnsOfKey));
        });
        return new EntityMetadata(entity.path("LogicalName").asText(logicalName), entity.path("EntitySetName").asText(""),
                entity.path("PrimaryIdAttribute").asText(""), entity.path("PrimaryNameAttribute").asText(""),
                entity.path("ChangeTrackingEnabled").asBoolean(false), columns, lookups, Optional.empty(), keys);
    }

    /**
     * AttributeType, the metadata cast and the properties it declares (metadataentitytypes reference:
     * IntegerAttributeMetadata, BigIntAttributeMetadata, DecimalAttributeMetadata, DoubleAttributeMetadata,
     * MoneyAttributeMetadata).
     */
    private static final String[][] NUMERIC_CASTS = {
            {"Integer", "IntegerAttributeMetadata", "MinValue,MaxValue"},
            {"BigInt", "BigIntAttributeMetadata", "MinValue,MaxValue"},
            {"Decimal", "DecimalAttributeMetadata", "MinValue,MaxValue,Precision"},
            {"Double", "DoubleAttributeMetadata", "MinValue,MaxValue,Precision"},
            {"Money", "MoneyAttributeMetadata", "MinValue,MaxValue,Precision"}};

    private static java.util.OptionalDouble number(JsonNode attribute, String property) {
        return attribute != null && attribute.path(property).isNumber()
                ? java.util.OptionalDouble.of(attribute.path(property).asDouble()) : java.util.OptionalDouble.empty();
    }

    private static List<OptionMetadata> options(JsonNode options) {
        List<OptionMetadata> list = new ArrayList<>();
        for (JsonNode option : options) {
            String label = option.path("Label").path("UserLocalizedLabel").path("Label").asText("");
            if (label.isEmpty() && option.path("Label").path("LocalizedLabels").size() > 0) {
                label = option.path("Label").path("LocalizedLabels").get(0).path("Label").asText("");
            }
            list.add(new OptionMetadata(option.path("Value").asInt(), label));
        }
        return list;
    }

    private JsonNode getJson(String logicalName, String url) {
        return DataverseJson.tree(send("metadata", logicalName, OutboundRequest.get(URI.create(url), STANDARD_HEADERS)).body());
    }

    // ---------------------------------------------------------------- plumbing

    static String rowUrl(URI apiBase, String entitySet, Optional<EntityKey> key) {
        requireName(entitySet, "entity set");
        return apiBase + entitySet + key.map(EntityKey::pathSegment).orElse("");
    }

    /** Entity set and logical names are plain identifiers; anything else could rewrite the URL path. */
    static void requireName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a valid " + what + ": '" + name + "'");
        }
    }

    private static final Map<String, String> STANDARD_HEADERS =
            Map.of("Accept", "application/json", "OData-MaxVersion", "4.0", "OData-Version", "4.0");

    private HttpResult send(String operation, String entitySet, OutboundRequest request) {
        HttpResult result = sendAllowingStatus(operation, entitySet, request);
        if (!result.isSuccess()) {
            throw failure(operation, entitySet, result);
        }
        return result;
    }

    private HttpResult sendAllowingStatus(String operation, String entitySet, OutboundRequest request) {
        try {
            return http.send(request, policy);
        } catch (TransportFailureException e) {
            throw new DataverseException(0, "", e.getMessage(), operation, entitySet, "", e);
        }
    }

    private static DataverseException failure(String operation, String entitySet, HttpResult result) {
        String body = result.bodyText();
        DataverseJson.ErrorBody error = DataverseJson.error(body);
        String message = error.message();
        if (result.gaveUpBecause().isPresent()) {
            message = (message.isEmpty() ? "" : message + " ") + "(gave up: " + result.gaveUpBecause().get() + ")";
        }
        return new DataverseException(result.status(), error.code(), message, operation, entitySet, body, null);
    }
}
