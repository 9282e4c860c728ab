package io.dvbridge.sandbox.dataverse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvbridge.sandbox.dataverse.query.FetchJoin;
import io.dvbridge.sandbox.http.Json;
import io.dvbridge.sandbox.http.SandboxRequest;
import io.dvbridge.sandbox.http.SandboxResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET on an entity set: $select, $filter, $orderby, $top, $count, server-driven paging through an
 * opaque $skiptoken in {@code @odata.nextLink}, and {@code fetchXml} queries with paging cookies.
 */
final class CollectionQuery {

    static final int MAX_PAGE_SIZE = 5000;
    private static final Set<String> SUPPORTED = Set.of("$select", "$filter", "$orderby", "$top", "$count", "$skiptoken",
            "$expand", "$apply", "fetchXml", "$deltatoken");
    private static final Pattern COOKIE = Pattern.compile("<cookie pagenumber=\"(\\d+)\" pagingcookie=\"([^\"]*)\" istracking=\"False\" />");
    private static final Pattern LAST = Pattern.compile("last=\"\\{([0-9A-Fa-f-]{36})}\"");

    private final RowJson json;
    private final String apiBase;
    private final ChangeTracking changes;
    private final java.util.function.Function<String, Optional<Table>> tables;

    /**
     * @param changes reads change-tracking pages and deltas
     * @param tables  the environment's tables by logical name, for FetchXML link-entities
     */
    CollectionQuery(RowJson json, String apiBase, ChangeTracking changes, java.util.function.Function<String, Optional<Table>> tables) {
        this.json = json;
        this.apiBase = apiBase;
        this.changes = changes;
        this.tables = tables;
    }

    SandboxResponse execute(SandboxRequest request, Table table) {
        Map<String, String> params = request.queryParameters();
        for (String name : params.keySet()) {
            if (name.startsWith("$") && !SUPPORTED.contains(name)) {
                throw DataverseError.badRequest("The query parameter " + name + " is not supported");
            }
        }
        Prefer prefer = Prefer.of(request);
        if (ChangeTracking.requested(prefer, params)) {
            return changes.read(request, table, prefer);
        }
        if (params.containsKey("$expand") || params.containsKey("$apply")) {
            throw DataverseError.badRequest("The sandbox does not implement " + (params.containsKey("$expand") ? "$expand" : "$apply")
                    + "; query the related table separately.");
        }
        if (params.containsKey("fetchXml")) {
            return fetchXml(table, params.get("fetchXml"), prefer);
        }
        TableSchema schema = table.schema();
        List<String> select = select(schema, params.get("$select"));
        Predicate<Map<String, Object>> filter = params.containsKey("$filter")
                ? QueryLanguage.filter(schema, params.get("$filter"), params) : row -> true;
        Comparator<StoredRow> order = Comparator.comparing(StoredRow::id);
        if (params.containsKey("$orderby")) {
            Comparator<Map<String, Object>> byColumns = QueryLanguage.orderBy(schema, params.get("$orderby"));
            order = Comparator.<StoredRow, Map<String, Object>>comparing(StoredRow::values, byColumns).thenComparing(StoredRow::id);
        }
        List<StoredRow> matching = table.rows().stream().filter(r -> filter.test(r.values())).sorted(order).toList();

        boolean paging = prefer.maxPageSize().isPresent();
        int pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, prefer.maxPageSize().orElse(MAX_PAGE_SIZE)));
        int start = 0;
        int pageNumber = 1;
        if (params.containsKey("$skiptoken")) {
            SkipToken token = SkipToken.parse(params.get("$skiptoken"));
            pageNumber = token.pageNumber();
            start = token.lastId().map(id -> indexAfter(matching, id)).orElse(0);
            if (token.lastId().isPresent() && start < 0) {
                start = Math.min(matching.size(), (pageNumber - 1) * pageSize);
            }
        }
        int end;
        boolean more;
        if (!paging && params.containsKey("$top") && !params.containsKey("$skiptoken")) {
            end = Math.min(matching.size(), Math.min(MAX_PAGE_SIZE, top(params.get("$top"))));
            more = false;
        } else {
            end = Math.min(matching.size(), start + pageSize);
            more = end < matching.size();
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("@odata.context", apiBase + "$metadata#" + schema.entitySetName()
                + (select.isEmpty() ? "" : "(" + String.join(",", select) + ")"));
        if ("true".equals(params.get("$count"))) {
            root.put("@odata.count", Math.min(matching.size(), MAX_PAGE_SIZE));
            // learn.microsoft.com/power-apps/developer/data-platform/webapi/query/count-rows: with these annotations
            // requested, a count at the limit says whether more rows match.
            if (prefer.includeAnnotations()) {
                root.put("@Microsoft.Dynamics.CRM.totalrecordcount", Math.min(matching.size(), MAX_PAGE_SIZE));
                root.put("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded", matching.size() > MAX_PAGE_SIZE);
            }
        }
        ArrayNode value = root.putArray("value");
        for (StoredRow row : matching.subList(start, end)) {
            value.add(json.render(schema, row, select, prefer.includeAnnotations(), false));
        }
        if (more) {
            root.put("@odata.nextLink", nextLink(request, schema, pageNumber + 1, matching.get(start), matching.get(end - 1)));
        }
        SandboxResponse response = WebApi.ok(200, root);
        List<String> applied = new ArrayList<>();
        if (paging) {
            applied.add("odata.maxpagesize=" + pageSize);
        }
        if (prefer.includeAnnotations()) {
            applied.add("odata.include-annotations=\"*\"");
        }
        return applied.isEmpty() ? response : response.withHeader("Preference-Applied", String.join(",", applied));
    }

    /**
     * {@code GET <entity set>/$count}: the number of rows matching $filter as a bare number in text/plain
     * (OData 4.01 URL conventions, 4.8 "Addressing the Count of a Collection"; only $filter and $search may
     * follow it), capped like {@code @odata.count} at 5,000 (learn.microsoft.com/power-apps/developer/
     * data-platform/webapi/query/count-rows: "up to 5,000 for standard tables").
     */
    SandboxResponse count(SandboxRequest request, Table table) {
        Map<String, String> params = request.queryParameters();
        if (params.containsKey("$deltatoken") || Prefer.of(request).trackChanges()) {
            return changes.count(request, table);
        }
        for (String name : params.keySet()) {
            if (!name.equals("$filter") && !name.startsWith("@")) {
                throw DataverseError.badRequest("The query parameter " + name + " is not allowed on $count; only $filter may follow it.");
            }
        }
        Predicate<Map<String, Object>> filter = params.containsKey("$filter")
                ? QueryLanguage.filter(table.schema(), params.get("$filter"), params) : row -> true;
        long matching = table.rows().stream().filter(r -> filter.test(r.values())).limit(MAX_PAGE_SIZE).count();
        return SandboxResponse.of(200, Map.of("Content-Type", "text/plain; charset=utf-8", "OData-Version", "4.0"),
                Long.toString(matching).getBytes(StandardCharsets.UTF_8));
    }

    private SandboxResponse fetchXml(Table table, String xml, Prefer prefer) {
        TableSchema schema = table.schema();
        FetchPlan plan = QueryLanguage.fetch(schema, xml, tables);
        Comparator<StoredRow> order = plan.order()
                .map(c -> Comparator.<StoredRow, Map<String, Object>>comparing(StoredRow::values, c).thenComparing(StoredRow::id))
                .orElse(Comparator.comparing(StoredRow::id));
        boolean joins = !plan.links().isEmpty();
        // With link-entities the entity's filter may test linked columns (entityname), so it runs on the joined rows.
        List<StoredRow> sorted = table.rows().stream().filter(r -> joins || plan.filter().test(r.values())).sorted(order).toList();
        List<FetchJoin.Selected> linkedColumns = QueryLanguage.linkedColumns(schema, plan.links(), tables);
        List<FetchJoin.Joined<StoredRow>> results = QueryLanguage.join(schema, sorted, plan.links(), tables);
        if (joins) {
            results = results.stream().filter(r -> plan.filter().test(FetchJoin.merged(r, StoredRow::values))).toList();
        }
        if (plan.distinct()) {
            results = distinct(results, linkedColumns);
        }
        int pageSize = Math.min(MAX_PAGE_SIZE, plan.count().orElse(MAX_PAGE_SIZE));
        int byPage = (plan.page() - 1) * pageSize;
        // A join may repeat a base row across a page boundary, so with link-entities the page number places the page.
        List<StoredRow> bases = results.stream().map(FetchJoin.Joined::base).toList();
        int start = plan.links().isEmpty() ? plan.afterId().map(id -> Math.max(0, indexAfter(bases, id))).orElse(byPage) : byPage;
        start = Math.min(start, results.size());
        int end = Math.min(results.size(), start + pageSize);
        boolean more = end < results.size();
        List<String> select = plan.attributes();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("@odata.context", apiBase + "$metadata#" + schema.entitySetName()
                + (select.isEmpty() ? "" : "(" + String.join(",", select) + ")"));
        if (prefer.includeAnnotations()) {
            // The cookie comes only while more records follow: clients such as dynamics-web-api 2.5
            // (src/requests/fetchXmlAll.ts) ask for the next page whenever a cookie is present.
            if (more) {
                root.put("@Microsoft.Dynamics.CRM.fetchxmlpagingcookie", QueryLanguage.pagingCookie(plan.page(),
                        schema.primaryId(), bases.get(start).id(), bases.get(end - 1).id()));
            }
            root.put("@Microsoft.Dynamics.CRM.morerecords", more);
        }
        ArrayNode value = root.putArray("value");
        for (FetchJoin.Joined<StoredRow> result : results.subList(start, end)) {
            ObjectNode row = json.render(schema, result.base(), select, prefer.includeAnnotations(), true);
            for (FetchJoin.Selected column : linkedColumns) {
                StoredRow linked = result.linked().get(column.alias());
                if (linked != null) {
                    json.putLinked(row, column.property(), column.column(), linked, prefer.includeAnnotations());
                }
            }
            value.add(row);
        }
        return WebApi.ok(200, root);
    }

    /** {@code distinct="true"}: one result per base row and combination of returned linked values. */
    private static List<FetchJoin.Joined<StoredRow>> distinct(List<FetchJoin.Joined<StoredRow>> results, List<FetchJoin.Selected> linkedColumns) {
        Set<List<Object>> seen = new java.util.HashSet<>();
        List<FetchJoin.Joined<StoredRow>> out = new ArrayList<>();
        for (FetchJoin.Joined<StoredRow> result : results) {
            List<Object> key = new ArrayList<>();
            key.add(result.base().id());
            for (FetchJoin.Selected column : linkedColumns) {
                StoredRow linked = result.linked().get(column.alias());
                key.add(linked == null ? null : linked.get(column.column().valueProperty()));
            }
            if (seen.add(key)) {
                out.add(result);
            }
        }
        return out;
    }

    /** Index of the first row after the row with this id, or -1 when that row is gone. */
    private static int indexAfter(List<StoredRow> rows, UUID id) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id().equals(id)) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The request's own query with a fresh $skiptoken; clients must use it verbatim. */
    private String nextLink(SandboxRequest request, TableSchema schema, int nextPage, StoredRow first, StoredRow last) {
        return link(request, schema, "$skiptoken", new SkipToken(nextPage, Optional.of(last.id())).format(schema.primaryId(), first.id()));
    }

    /** The entity set with the request's raw query (its paging and delta tokens dropped) plus {@code option=value}. */
    private String link(SandboxRequest request, TableSchema schema, String option, String value) {
        StringBuilder query = new StringBuilder();
        for (String pair : request.rawQuery().split("&")) {
            boolean token = pair.startsWith("$skiptoken=") || pair.startsWith("%24skiptoken=")
                    || pair.startsWith("$deltatoken=") || pair.startsWith("%24deltatoken=");
            if (!pair.isEmpty() && !token) {
                query.append(query.isEmpty() ? "" : "&").append(pair);
            }
        }
        query.append(query.isEmpty() ? "" : "&").append(option).append('=').append(SandboxPaths.encodeQueryValue(value));
        return apiBase + schema.entitySetName() + "?" + query;
    }

    private static int top(String text) {
        try {
            int top = Integer.parseInt(text.trim());
            if (top < 0) {
                throw new NumberFormatException();
            }
            return top;
        } catch (NumberFormatException e) {
            throw DataverseError.badRequest("Invalid value '" + text + "' for $top query option found. The $top query option requires a non-negative integer value.");
        }
    }

    /** The validated $select list as property names; empty means all columns. */
    static List<String> select(TableSchema schema, String text) {
        return QueryLanguage.select(schema, text);
    }

    /**
     * The $skiptoken Dataverse puts in nextLinks: {@code <cookie pagenumber="2" pagingcookie="..." istracking="False" />}
     * whose pagingcookie attribute holds the doubly URL-encoded position of the last row served.
     */
    record SkipToken(int pageNumber, Optional<UUID> lastId) {

        static SkipToken parse(String text) {
            Matcher m = COOKIE.matcher(text.trim());
            if (!m.matches()) {
                throw DataverseError.badRequest("The $skiptoken value is not valid. Use the @odata.nextLink returned by the previous page verbatim.");
            }
            String inner = java.net.URLDecoder.decode(java.net.URLDecoder.decode(m.group(2), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            Matcher last = LAST.matcher(inner);
            if (!inner.startsWith("<cookie") || !last.find()) {
                throw DataverseError.badRequest("The $skiptoken paging cookie is not valid. Use the @odata.nextLink returned by the previous page verbatim.");
            }
            return new SkipToken(Integer.parseInt(m.group(1)), Optional.of(UUID.fromString(last.group(1))));
        }

        String format(String primaryId, UUID first) {
            String inner = "<cookie page=\"" + (pageNumber - 1) + "\"><" + primaryId + " last=\"{" + lastId.orElseThrow().toString().toUpperCase()
                    + "}\" first=\"{" + first.toString().toUpperCase() + "}\" /></cookie>";
            String twice = SandboxPaths.encodeQueryValue(SandboxPaths.encodeQueryValue(inner));
            return "<cookie pagenumber=\"" + pageNumber + "\" pagingcookie=\"" + twice + "\" istracking=\"False\" />";
        }
    }
}
