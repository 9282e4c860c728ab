package io.dvbridge.jobs;

import io.dvbridge.cmt.LookupNameQuery;
import io.dvbridge.cmt.LookupTargetQuery;
import io.dvbridge.cmt.RecordQuery;
import io.dvbridge.dataverse.EntityMetadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns the planner's questions into {@code dataverse:query} requests: one attribute as a key set (the
 * component writes the condition), several as {@code (a eq @x and b eq @y) or ...}; keys split so
 * no URL grows past what Dataverse accepts (about 32 KB; we stay under 12 KB of filter).
 */
final class QuerySpecs {

    static final int MAX_KEYS = 250;
    static final int MAX_COMPOSITE_KEYS = 50;
    static final int MAX_FILTER_CHARS = 12_000;
    private static final Pattern LOOKUP_VALUE = Pattern.compile("^_(.+)_value$");

    private QuerySpecs() {
    }

    static List<QuerySpec> forRecords(RecordQuery query, EntityMetadata table) {
        List<QuerySpec> specs = new ArrayList<>();
        String select = String.join(",", query.select());
        boolean single = query.attributes().size() == 1;
        int limit = single ? MAX_KEYS : MAX_COMPOSITE_KEYS;
        List<List<Object>> slice = new ArrayList<>();
        int chars = 0;
        for (List<Object> key : query.keys()) {
            int size = key.stream().mapToInt(v -> String.valueOf(v).length() + 8).sum();
            if (size > MAX_FILTER_CHARS) {
                // No query URL can carry it (32,768 characters at most), and no column Dataverse filters on holds a
                // value that long: the record stays unmatched here, and its write meets the column's length check.
                continue;
            }
            if (!slice.isEmpty() && (slice.size() >= limit || chars + size > MAX_FILTER_CHARS)) {
                specs.add(recordSpec(query, table, select, slice));
                slice = new ArrayList<>();
                chars = 0;
            }
            slice.add(key);
            chars += size;
        }
        if (!slice.isEmpty()) {
            specs.add(recordSpec(query, table, select, slice));
        }
        return specs;
    }

    static List<QuerySpec> forLookupTargets(LookupTargetQuery query, EntityMetadata table) {
        List<QuerySpec> specs = new ArrayList<>();
        for (int from = 0; from < query.ids().size(); from += MAX_KEYS) {
            List<String> ids = query.ids().subList(from, Math.min(query.ids().size(), from + MAX_KEYS));
            specs.add(QuerySpec.forKeySet(table.entitySetName(), table.primaryIdAttribute(), table.primaryIdAttribute(),
                    List.copyOf(ids), new LookupTargetQuery(query.entity(), ids)));
        }
        return specs;
    }

    /** Rows of a table outside the schema by primary name: their id and name. Empty when the table has no primary name. */
    static List<QuerySpec> forLookupNames(LookupNameQuery query, EntityMetadata table) {
        List<QuerySpec> specs = new ArrayList<>();
        if (table.primaryNameAttribute().isEmpty()) {
            return specs;
        }
        for (int from = 0; from < query.names().size(); from += MAX_KEYS) {
            List<String> names = query.names().subList(from, Math.min(query.names().size(), from + MAX_KEYS));
            specs.add(QuerySpec.forKeySet(table.entitySetName(), table.primaryIdAttribute() + "," + table.primaryNameAttribute(),
                    table.primaryNameAttribute(), List.copyOf(names), new LookupNameQuery(query.entity(), names)));
        }
        return specs;
    }

    private static QuerySpec recordSpec(RecordQuery query, EntityMetadata table, String select, List<List<Object>> keys) {
        RecordQuery part = new RecordQuery(query.entity(), query.kind(), query.attributes(), keys, query.select());
        if (query.attributes().size() == 1) {
            String attribute = query.attributes().get(0);
            boolean guid = isGuid(attribute, table);
            List<Object> values = new ArrayList<>();
            keys.forEach(k -> values.add(guid ? String.valueOf(k.get(0)) : k.get(0)));
            return QuerySpec.forKeySet(table.entitySetName(), select, attribute, values, part);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> alternatives = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            List<String> terms = new ArrayList<>();
            for (int a = 0; a < query.attributes().size(); a++) {
                String attribute = query.attributes().get(a);
                String name = "k" + k + "_" + a;
                Object value = keys.get(k).get(a);
                parameters.put(name, isGuid(attribute, table) && value != null ? UUID.fromString(String.valueOf(value)) : value);
                terms.add(attribute + " eq @" + name);
            }
            alternatives.add("(" + String.join(" and ", terms) + ")");
        }
        return QuerySpec.forFilter(table.entitySetName(), select, String.join(" or ", alternatives), parameters, part);
    }

    private static boolean isGuid(String attribute, EntityMetadata table) {
        return LOOKUP_VALUE.matcher(attribute).matches() || attribute.equals(table.primaryIdAttribute())
                || table.attribute(attribute).map(a -> a.attributeType().equals("Uniqueidentifier")).orElse(false);
    }
}
