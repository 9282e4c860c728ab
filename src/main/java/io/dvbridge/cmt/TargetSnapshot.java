package io.dvbridge.cmt;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the route found in the target environment for an {@link ImportQueries}: existing rows of the
 * schema's tables (Web API form, as a {@code dataverse:} query returns them) and which lookup target
 * ids exist.
 */
public final class TargetSnapshot {

    private final Map<String, Map<String, Map<String, Object>>> rows;
    private final Map<String, Set<String>> existingIds;

    private TargetSnapshot(Map<String, Map<String, Map<String, Object>>> rows, Map<String, Set<String>> existingIds) {
        this.rows = rows;
        this.existingIds = existingIds;
    }

    public static Builder builder(CmtSchema schema) {
        return new Builder(schema);
    }

    /** The rows of an entity, each once, in the order they were added. */
    public List<Map<String, Object>> rows(String entity) {
        return List.copyOf(rows.getOrDefault(entity, Map.of()).values());
    }

    public Optional<Map<String, Object>> row(String entity, String id) {
        return Optional.ofNullable(rows.getOrDefault(entity, Map.of()).get(id.toLowerCase(Locale.ROOT)));
    }

    /** Whether a record with this id exists in the target (as a fetched row or an answered lookup id). */
    public boolean exists(String entity, String id) {
        String key = id.toLowerCase(Locale.ROOT);
        return existingIds.getOrDefault(entity, Set.of()).contains(key) || rows.getOrDefault(entity, Map.of()).containsKey(key);
    }

    /** Collects query answers; not thread-safe. */
    public static final class Builder {
        private final CmtSchema schema;
        private final Map<String, Map<String, Map<String, Object>>> rows = new HashMap<>();
        private final Map<String, Set<String>> existingIds = new HashMap<>();

        private Builder(CmtSchema schema) {
            this.schema = schema;
        }

        /**
         * Adds existing rows of a schema entity; a row seen twice (from two queries) counts once.
         *
         * @throws IllegalArgumentException when the entity is not in the schema or a row lacks its id
         */
        public Builder addRows(String entity, Collection<? extends Map<String, Object>> found) {
            CmtEntity table = schema.entity(entity).orElseThrow(() ->
                    new IllegalArgumentException("entity '" + entity + "' is not in the schema"));
            Map<String, Map<String, Object>> byId = rows.computeIfAbsent(entity, e -> new LinkedHashMap<>());
            for (Map<String, Object> row : found) {
                Object id = row.get(table.primaryIdField());
                if (id == null) {
                    throw new IllegalArgumentException("a row of '" + entity + "' has no '" + table.primaryIdField() + "'");
                }
                byId.putIfAbsent(CmtValueFormat.toCmt(CmtFieldType.GUID, id), new LinkedHashMap<>(row));
            }
            return this;
        }

        /** Records that these ids of {@code entity} exist in the target. */
        public Builder addExistingIds(String entity, Collection<String> ids) {
            Set<String> known = existingIds.computeIfAbsent(entity, e -> new HashSet<>());
            ids.forEach(id -> known.add(CmtValueFormat.toCmt(CmtFieldType.GUID, id)));
            return this;
        }

        public TargetSnapshot build() {
            Map<String, Map<String, Map<String, Object>>> rowsCopy = new HashMap<>();
            rows.forEach((entity, byId) -> rowsCopy.put(entity, new LinkedHashMap<>(byId)));
            Map<String, Set<String>> idsCopy = new HashMap<>();
            existingIds.forEach((entity, ids) -> idsCopy.put(entity, Set.copyOf(ids)));
            return new TargetSnapshot(rowsCopy, idsCopy);
        }
    }
}
