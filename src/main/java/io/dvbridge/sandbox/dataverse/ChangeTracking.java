package io.dvbridge.sandbox.dataverse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvbridge.sandbox.http.Json;
import io.dvbridge.sandbox.http.SandboxRequest;
import io.dvbridge.sandbox.http.SandboxResponse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Change tracking on an entity set ("Use change tracking to synchronize data with external systems",
 * learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems):
 * {@code Prefer: odata.track-changes} reads every row in pages and hands out an {@code @odata.deltaLink} on the
 * last page only; the delta link's {@code $deltatoken} then reads the rows written since (full image of the
 * $select columns) followed by the deleted ids, paged the same way. Every page of one sync reads the
 * environment as it was when the sync began (its version is in the paging cookie), so writes made meanwhile
 * come with the next delta. Tokens expire after the organization's {@code expirechangetrackingindays} and when
 * the table's columns change.
 */
final class ChangeTracking {

    /** ExpiredVersionStamp: the token is older than the retention, or no longer matches the table. */
    static final String EXPIRED = "0x80044352";
    static final String EXPIRED_MESSAGE = "Version stamp associated with the client has expired. Please perform a full sync.";
    /** A token that is not a version stamp at all (Microsoft.Crm VersionStamp parsing: "Invalid version stamp"). */
    static final String INVALID = "0x80044183";
    private static final List<String> REFUSED = List.of("$filter", "$orderby", "$expand", "$top");
    private static final DateTimeFormatter TOKEN_TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss");
    private static final Pattern TOKEN = Pattern.compile("^(\\d{1,18})!(\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2})$");
    private static final Pattern COOKIE = Pattern.compile("^<cookie pagenumber=\"(\\d+)\" pagingcookie=\"([^\"]*)\" istracking=\"True\" />$");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final EnvironmentData data;
    private final RowJson json;
    private final String apiBase;

    ChangeTracking(EnvironmentData data, RowJson json, String apiBase) {
        this.data = data;
        this.json = json;
        this.apiBase = apiBase;
    }

    /** Whether a GET reads changes: the track-changes preference, a delta token, or a tracking page's skiptoken. */
    static boolean requested(Prefer prefer, Map<String, String> params) {
        String skip = params.get("$skiptoken");
        return prefer.trackChanges() || params.containsKey("$deltatoken") || (skip != null && skip.contains("istracking=\"True\""));
    }

    SandboxResponse read(SandboxRequest request, Table table, Prefer prefer) {
        Map<String, String> params = request.queryParameters();
        requireEnabled(table);
        for (String option : REFUSED) {
            if (params.containsKey(option)) {
                throw DataverseError.badRequest("The \"" + option + "\" query parameter isn't supported when Change Tracking is enabled.");
            }
        }
        if (params.containsKey("fetchXml") || params.containsKey("$apply") || params.containsKey("$count")) {
            throw DataverseError.badRequest("The sandbox reads changes only with $select and the paging links it hands out.");
        }
        TableSchema schema = table.schema();
        List<String> select = CollectionQuery.select(schema, params.get("$select"));
        int pageSize = Math.min(CollectionQuery.MAX_PAGE_SIZE, Math.max(1, prefer.maxPageSize().orElse(CollectionQuery.MAX_PAGE_SIZE)));
        Optional<Long> since = params.containsKey("$deltatoken") ? Optional.of(valid(table, params.get("$deltatoken"))) : Optional.empty();
        Cursor cursor = params.containsKey("$skiptoken") ? Cursor.parse(params.get("$skiptoken"))
                : new Cursor(1, data.committedVersion(), data.now().getEpochSecond(), since.isPresent() ? "changes" : "rows", "");
        if (cursor.snapshot() < table.schemaVersion()) {
            throw new DataverseError(400, EXPIRED, EXPIRED_MESSAGE);
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        String context = apiBase + "$metadata#" + schema.entitySetName() + (select.isEmpty() ? "" : "(" + String.join(",", select) + ")");
        root.put("@odata.context", since.isPresent() ? context + "/$delta" : context);
        ArrayNode value = root.putArray("value");
        Optional<Cursor> next = since.isPresent()
                ? changes(table, select, prefer, since.get(), cursor, pageSize, value)
                : rows(table, select, prefer, cursor, pageSize, value);
        if (next.isPresent()) {
            root.put("@odata.nextLink", link(request, schema, since.map(s -> params.get("$deltatoken")), Optional.of(next.get().format())));
        } else {
            String token = cursor.snapshot() + "!" + TOKEN_TIME.format(LocalDateTime.ofEpochSecond(cursor.issued(), 0, ZoneOffset.UTC));
            root.put("@odata.deltaLink", link(request, schema, Optional.of(token), Optional.empty()));
        }
        List<String> applied = new ArrayList<>(List.of("odata.track-changes"));
        prefer.maxPageSize().ifPresent(n -> applied.add("odata.maxpagesize=" + pageSize));
        if (prefer.includeAnnotations()) {
            applied.add("odata.include-annotations=\"*\"");
        }
        return WebApi.ok(200, root).withHeader("Preference-Applied", String.join(",", applied));
    }

    /** One page of an initial sync: rows in primary key order after the cursor's last id. */
    private Optional<Cursor> rows(Table table, List<String> select, Prefer prefer, Cursor cursor, int pageSize, ArrayNode value) {
        Optional<UUID> after = cursor.last().isEmpty() ? Optional.empty() : Guids.parse(cursor.last());
        List<StoredRow> rows = table.rowsAfter(after, pageSize + 1);
        for (StoredRow row : rows.subList(0, Math.min(pageSize, rows.size()))) {
            value.add(json.render(table.schema(), row, select, prefer.includeAnnotations(), false));
        }
        return rows.size() > pageSize ? Optional.of(cursor.following("rows", rows.get(pageSize - 1).id().toString())) : Optional.empty();
    }

    /** One page of a delta: rows written in (since, snapshot] oldest first, then the ids deleted in it. */
    private Optional<Cursor> changes(Table table, List<String> select, Prefer prefer, long since, Cursor cursor, int pageSize,
                                     ArrayNode value) {
        boolean inChanges = cursor.phase().equals("changes");
        long after = cursor.last().isEmpty() ? since : Long.parseLong(cursor.last());
        List<StoredRow> rows = inChanges ? table.changedBetween(after, cursor.snapshot(), pageSize + 1) : List.of();
        List<Map.Entry<Long, UUID>> deleted = rows.size() > pageSize ? List.of()
                : table.deletedBetween(inChanges ? since : after, cursor.snapshot(), pageSize + 1 - rows.size());
        int served = 0;
        String phase = "changes";
        long last = after;
        for (StoredRow row : rows) {
            if (served == pageSize) {
                break;
            }
            value.add(json.render(table.schema(), row, select, prefer.includeAnnotations(), false));
            last = row.version();
            served++;
        }
        for (Map.Entry<Long, UUID> removal : deleted) {
            if (served == pageSize) {
                break;
            }
            value.addObject().put("@odata.context", apiBase + "$metadata#" + table.schema().entitySetName() + "/$deletedEntity")
                    .put("id", removal.getValue().toString()).put("reason", "deleted");
            phase = "deletes";
            last = removal.getKey();
            served++;
        }
        boolean more = rows.size() + deleted.size() > pageSize;
        return more ? Optional.of(cursor.following(phase, Long.toString(last))) : Optional.empty();
    }

    /** {@code GET <set>/$count?$deltatoken=...}: how many rows changed and ids were deleted since the token, as plain text. */
    SandboxResponse count(SandboxRequest request, Table table) {
        Map<String, String> params = request.queryParameters();
        requireEnabled(table);
        if (!params.containsKey("$deltatoken")) {
            throw DataverseError.badRequest("Counting changes needs the $deltatoken of a delta link.");
        }
        long since = valid(table, params.get("$deltatoken"));
        long upTo = data.committedVersion();
        long changes = table.countChangedBetween(since, upTo) + table.deletedBetween(since, upTo, Integer.MAX_VALUE).size();
        return SandboxResponse.of(200, Map.of("Content-Type", "text/plain; charset=utf-8", "OData-Version", "4.0"),
                Long.toString(changes).getBytes(StandardCharsets.UTF_8));
    }

    private static void requireEnabled(Table table) {
        if (!table.schema().changeTracking()) {
            throw new DataverseError(400, "0x80072491", "Entity " + table.schema().logicalName() + " isn't enabled for change tracking.");
        }
    }

    /**
     * The row version a delta token stands for. A token from a later version than the environment has (another
     * environment's, or one from before the sandbox restarted), older than the retention, or from before the
     * table's columns changed is expired; text that is no token at all is invalid.
     */
    private long valid(Table table, String token) {
        Matcher m = TOKEN.matcher(token);
        if (!m.matches()) {
            throw new DataverseError(400, INVALID, "Invalid version stamp");
        }
        Instant issued;
        try {
            issued = LocalDateTime.parse(m.group(2), TOKEN_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new DataverseError(400, INVALID, "Invalid version stamp");
        }
        long version = Long.parseLong(m.group(1));
        boolean unknown = version > data.committedVersion() || version < table.schemaVersion();
        if (unknown || issued.plus(data.changeTrackingRetention()).isBefore(data.now())) {
            throw new DataverseError(400, EXPIRED, EXPIRED_MESSAGE);
        }
        return version;
    }

    /** The entity set with the request's own query, its paging and delta tokens replaced by these. */
    private String link(SandboxRequest request, TableSchema schema, Optional<String> deltaToken, Optional<String> skipToken) {
        StringBuilder query = new StringBuilder();
        for (String pair : request.rawQuery().split("&")) {
            boolean token = pair.startsWith("$skiptoken=") || pair.startsWith("%24skiptoken=")
                    || pair.startsWith("$deltatoken=") || pair.startsWith("%24deltatoken=");
            if (!pair.isEmpty() && !token) {
                query.append(query.isEmpty() ? "" : "&").append(pair);
            }
        }
        deltaToken.ifPresent(t -> query.append(query.isEmpty() ? "" : "&").append("$deltatoken=").append(SandboxPaths.encodeQueryValue(t)));
        skipToken.ifPresent(t -> query.append(query.isEmpty() ? "" : "&").append("$skiptoken=").append(SandboxPaths.encodeQueryValue(t)));
        return apiBase + schema.entitySetName() + "?" + query;
    }

    /**
     * Where the next page of a sync starts, in the shape of Dataverse's tracking skiptoken
     * ({@code <cookie pagenumber="2" pagingcookie="..." istracking="True" />}): the sync's snapshot version and
     * start time, the phase (rows of an initial sync; changes, then deletes of a delta) and the last item served.
     */
    record Cursor(int page, long snapshot, long issued, String phase, String last) {

        Cursor following(String nextPhase, String lastServed) {
            return new Cursor(page + 1, snapshot, issued, nextPhase, lastServed);
        }

        String format() {
            String inner = "<cookie page=\"" + (page) + "\" snapshot=\"" + snapshot + "\" issued=\"" + issued + "\" phase=\"" + phase
                    + "\" last=\"" + last + "\" />";
            return "<cookie pagenumber=\"" + page + "\" pagingcookie=\"" + SandboxPaths.encodeQueryValue(inner) + "\" istracking=\"True\" />";
        }

        static Cursor parse(String text) {
            Matcher m = COOKIE.matcher(text.trim());
            if (!m.matches()) {
                throw DataverseError.badRequest("The $skiptoken value is not valid. Use the @odata.nextLink returned by the previous page verbatim.");
            }
            Map<String, String> attributes = new HashMap<>();
            Matcher a = ATTRIBUTE.matcher(java.net.URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
            while (a.find()) {
                attributes.put(a.group(1), a.group(2));
            }
            try {
                String phase = attributes.get("phase");
                if (!List.of("rows", "changes", "deletes").contains(phase)) {
                    throw new IllegalArgumentException(phase);
                }
                return new Cursor(Integer.parseInt(m.group(1)), Long.parseLong(attributes.get("snapshot")),
                        Long.parseLong(attributes.get("issued")), phase, attributes.getOrDefault("last", ""));
            } catch (RuntimeException e) {
                throw DataverseError.badRequest("The $skiptoken paging cookie is not valid. Use the @odata.nextLink returned by the previous page verbatim.");
            }
        }
    }
}
