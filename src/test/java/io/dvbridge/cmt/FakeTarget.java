package io.dvbridge.cmt;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A target environment in memory: answers the planner's queries the way a route would (all rows
 * matching any key, string comparisons ignoring case) and applies planned writes the way Dataverse
 * would store them (binds become {@code _x_value} with a lookuplogicalname annotation).
 */
final class FakeTarget {

    static final WebApiNames NAMES = new WebApiNames() {
        @Override
        public String entitySetName(String table) {
            return table + "s";
        }

        @Override
        public String lookupNavigationProperty(String table, String lookupField, String targetTable) {
            return lookupField.equals("parentcustomerid") ? lookupField + "_" + targetTable : lookupField;
        }

        // Every column exists and takes any value: the planner's column rules are tested with their own names.
        @Override
        public Optional<TargetColumn> column(String table, String column) {
            return Optional.of(new TargetColumn(column, "", "None", true, true, OptionalInt.empty(), List.of()));
        }

        @Override
        public List<String> requiredForCreate(String table) {
            return List.of();
        }
    };

    private final CmtSchema schema;
    private final Map<String, Map<String, Map<String, Object>>> rows = new HashMap<>();
    private final Map<String, Set<String>> otherTables = new HashMap<>();
    final List<PlannedWrite> applied = new ArrayList<>();

    FakeTarget(CmtSchema schema) {
        this.schema = schema;
    }

    FakeTarget row(String entity, Map<String, Object> row) {
        CmtEntity table = schema.entity(entity).orElseThrow();
        rows.computeIfAbsent(entity, e -> new LinkedHashMap<>())
                .put(((String) row.get(table.primaryIdField())).toLowerCase(), new LinkedHashMap<>(row));
        return this;
    }

    /** A record of a table outside the schema (e.g. a systemuser). */
    FakeTarget exists(String table, String id) {
        otherTables.computeIfAbsent(table, t -> new HashSet<>()).add(id.toLowerCase());
        return this;
    }

    Map<String, Object> get(String entity, String id) {
        return rows.getOrDefault(entity, Map.of()).get(id.toLowerCase());
    }

    int count(String entity) {
        return rows.getOrDefault(entity, Map.of()).size();
    }

    TargetSnapshot answer(ImportQueries queries) {
        TargetSnapshot.Builder snapshot = TargetSnapshot.builder(schema);
        for (RecordQuery query : queries.recordQueries()) {
            List<Map<String, Object>> found = new ArrayList<>();
            for (Map<String, Object> row : rows.getOrDefault(query.entity(), Map.of()).values()) {
                if (query.keys().stream().anyMatch(key -> matches(row, query.attributes(), key))) {
                    Map<String, Object> selected = new LinkedHashMap<>();
                    row.forEach((name, value) -> {
                        if (query.select().stream().anyMatch(name::startsWith)) {
                            selected.put(name, value);
                        }
                    });
                    found.add(selected);
                }
            }
            snapshot.addRows(query.entity(), found);
        }
        for (LookupTargetQuery query : queries.lookupTargets()) {
            List<String> existing = query.ids().stream().filter(id -> existsAnywhere(query.entity(), id)).toList();
            snapshot.addExistingIds(query.entity(), existing);
        }
        return snapshot.build();
    }

    private boolean existsAnywhere(String table, String id) {
        return otherTables.getOrDefault(table, Set.of()).contains(id) || rows.getOrDefault(table, Map.of()).containsKey(id);
    }

    private static boolean matches(Map<String, Object> row, List<String> attributes, List<Object> key) {
        for (int i = 0; i < attributes.size(); i++) {
            Object actual = row.get(attributes.get(i));
            Object wanted = key.get(i);
            boolean same = actual instanceof String a && wanted instanceof String w ? a.equalsIgnoreCase(w)
                    : actual instanceof BigDecimal a && wanted instanceof BigDecimal w ? a.compareTo(w) == 0
                    : actual != null && actual.equals(wanted);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    void apply(List<PlannedWrite> writes) {
        for (PlannedWrite write : writes) {
            CmtEntity table = schema.entity(write.entity()).orElseThrow();
            Map<String, Map<String, Object>> byId = rows.computeIfAbsent(write.entity(), e -> new LinkedHashMap<>());
            Map<String, Object> row;
            if (write.kind() == WriteKind.CREATE) {
                if (byId.containsKey(write.targetId())) {
                    throw new IllegalStateException("create of an existing row " + write.targetId());
                }
                row = new LinkedHashMap<>();
                byId.put(write.targetId(), row);
            } else {
                row = byId.get(write.targetId());
                if (row == null) {
                    throw new IllegalStateException(write.kind() + " of a missing row " + write.targetId());
                }
            }
            write.body().forEach((name, value) -> {
                if (name.endsWith("@odata.bind")) {
                    String nav = name.substring(0, name.indexOf('@'));
                    CmtField field = table.fields().stream()
                            .filter(f -> nav.equals(f.name()) || nav.startsWith(f.name() + "_")).findFirst().orElseThrow();
                    String ref = (String) value;
                    String set = ref.substring(1, ref.indexOf('('));
                    String id = ref.substring(ref.indexOf('(') + 1, ref.length() - 1);
                    if (!existsAnywhere(set.substring(0, set.length() - 1), id)) {
                        throw new IllegalStateException("bind to a missing row " + ref);
                    }
                    row.put(field.webApiAttribute(), id);
                    row.put(field.webApiAttribute() + WebApiRecords.LOOKUP_LOGICAL_NAME, set.substring(0, set.length() - 1));
                } else {
                    row.put(name, value);
                }
            });
            row.put(table.primaryIdField(), write.targetId());
            applied.add(write);
        }
    }
}
