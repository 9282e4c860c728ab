package io.dvbridge.push;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lookups of one batch of rows, checked against Dataverse with one key-set query per target table and key
 * column, and the rows completed with the lookups that exist ({@code <navigation>@odata.bind} to the row's id)
 * or rejected for those that do not.
 */
public final class LookupResolution {

    /** One existence query to make: the target rows of {@code target} whose {@code column} is one of {@code values}. */
    public record Query(LookupTarget target, String column, List<String> values) {
        public Query {
            values = List.copyOf(values);
        }

        /** The columns the query reads: the target's primary id, and the key column when it is another. */
        public String select() {
            return column.equals(target.primaryId()) ? column : target.primaryId() + "," + column;
        }
    }

    private final Map<String, String> found = new LinkedHashMap<>();

    /** The queries that check every lookup of these rows. */
    public static List<Query> queries(List<CheckedRow> rows) {
        Map<String, Query> byTarget = new LinkedHashMap<>();
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (CheckedRow row : rows) {
            if (!row.valid()) {
                continue;
            }
            for (LookupRef ref : row.lookups()) {
                String group = ref.target().table() + "|" + ref.byColumn();
                byTarget.putIfAbsent(group, new Query(ref.target(), ref.byColumn(), List.of()));
                values.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(ref.value());
            }
        }
        List<Query> queries = new ArrayList<>();
        byTarget.forEach((group, q) -> queries.add(new Query(q.target(), q.column(), List.copyOf(values.get(group)))));
        return queries;
    }

    /** Records the rows a query found: each row's {@code column} value and its primary id. */
    public void found(Query query, List<Map<String, Object>> rows) {
        for (Map<String, Object> row : rows) {
            Object value = row.get(query.column());
            Object id = row.get(query.target().primaryId());
            if (value != null && id != null) {
                found.put(new LookupRef("", query.target(), query.column(), String.valueOf(value)).identity(), String.valueOf(id));
            }
        }
    }

    /** The row with its lookups bound, or rejected for each one whose target row does not exist. */
    public CheckedRow complete(CheckedRow row) {
        if (!row.valid() || row.lookups().isEmpty()) {
            return row;
        }
        Map<String, Object> values = new LinkedHashMap<>(row.values());
        List<Rejection> rejections = new ArrayList<>();
        for (LookupRef ref : row.lookups()) {
            String id = found.get(ref.identity());
            if (id == null) {
                rejections.add(Rejection.of(row.rowNumber(), ref.column(), ref.value(), Rejection.Reason.LOOKUP_NOT_FOUND,
                        "no " + ref.target().table() + " with " + ref.byColumn() + " " + ref.value()));
            } else {
                values.put(ref.target().navigationProperty() + "@odata.bind", "/" + ref.target().entitySetName() + "(" + id + ")");
            }
        }
        return new CheckedRow(row.rowNumber(), row.key(), values, rejections.isEmpty() ? List.of() : row.lookups(), rejections);
    }
}
