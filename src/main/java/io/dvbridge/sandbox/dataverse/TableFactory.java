package io.dvbridge.sandbox.dataverse;

import io.dvbridge.sandbox.fixture.ColumnSpec;
import io.dvbridge.sandbox.fixture.EnvironmentSpec;
import io.dvbridge.sandbox.fixture.FixtureException;
import io.dvbridge.sandbox.fixture.ManyToManySpec;
import io.dvbridge.sandbox.fixture.TableSpec;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds an environment's tables and rows from its fixture, including generated rows. */
final class TableFactory {

    static final String PARTITION_ID = "partitionid";
    static final String ELASTIC_KEY = "KeyForNoSqlEntityWithPKPartitionId";

    private TableFactory() {
    }

    static EnvironmentData build(EnvironmentSpec spec, long seed) {
        EnvironmentData data = new EnvironmentData();
        int typeCode = 10_000;
        for (TableSpec t : spec.tables()) {
            data.add(new Table(schema(t, typeCode++)));
            data.supportBulk(t.logicalName(), new java.util.HashSet<>(t.bulkMessages() == null
                    ? List.of("CreateMultiple", "UpdateMultiple") : t.bulkMessages()));
        }
        for (TableSpec t : spec.tables()) {
            for (ManyToManySpec m : t.manyToMany()) {
                data.relate(relationship(data, t, m));
            }
        }
        data.atomically(journal -> {
            for (TableSpec t : spec.tables()) {
                Table table = data.table(t.logicalName()).orElseThrow();
                int index = 0;
                for (Map<String, Object> row : t.rows()) {
                    index++;
                    insert(data, journal, table, row, rowId(spec.name(), t.logicalName(), "row", index, seed), "row " + index);
                }
                if (t.generate() != null) {
                    RowGenerator generator = new RowGenerator(t.generate().columns(), seed ^ t.logicalName().hashCode());
                    for (int n = 1; n <= t.generate().count(); n++) {
                        insert(data, journal, table, generator.row(n), rowId(spec.name(), t.logicalName(), "gen", n, seed), "generated row " + n);
                    }
                }
            }
            for (TableSpec t : spec.tables()) {
                for (ManyToManySpec m : t.manyToMany()) {
                    ManyToManyRelationship relationship = data.navigation(t.logicalName(), navigation(m)).orElseThrow();
                    int pair = 0;
                    for (List<String> ids : m.pairs()) {
                        pair++;
                        try {
                            if (ids.size() != 2) {
                                throw new IllegalArgumentException("a pair is [" + t.logicalName() + " id, " + m.target() + " id]");
                            }
                            data.associate(journal, relationship, UUID.fromString(ids.get(0)), UUID.fromString(ids.get(1)));
                        } catch (IllegalArgumentException e) {
                            throw new FixtureException("Table " + t.logicalName() + ", many-to-many " + m.name() + ", pair " + pair + ": "
                                    + e.getMessage(), e);
                        }
                    }
                }
            }
            return null;
        });
        return data;
    }

    private static ManyToManyRelationship relationship(EnvironmentData data, TableSpec t, ManyToManySpec m) {
        if (m.name() == null || m.target() == null) {
            throw new FixtureException("Table " + t.logicalName() + ": a manyToMany entry needs a name and a target");
        }
        if (data.table(m.target()).isEmpty()) {
            throw new FixtureException("Table " + t.logicalName() + ", many-to-many " + m.name() + ": no table " + m.target());
        }
        return new ManyToManyRelationship(m.name(), t.logicalName(), m.target(),
                m.intersect() != null ? m.intersect() : m.name().toLowerCase(java.util.Locale.ROOT), navigation(m),
                m.targetNavigation() != null ? m.targetNavigation() : m.name());
    }

    private static String navigation(ManyToManySpec m) {
        return m.navigation() != null ? m.navigation() : m.name();
    }

    static TableSchema schema(TableSpec t, int defaultTypeCode) {
        String logical = t.logicalName();
        String primaryId = t.primaryId() != null ? t.primaryId() : logical + "id";
        Map<String, Column> columns = new LinkedHashMap<>();
        columns.put(primaryId, new Column(primaryId, AttributeType.UNIQUEIDENTIFIER, t.displayName(), null, "SystemRequired",
                List.of(), Map.of(), true, false, null, null, null));
        if (t.primaryName() != null) {
            columns.put(t.primaryName(), new Column(t.primaryName(), AttributeType.STRING, "Name", 100, "ApplicationRequired",
                    List.of(), Map.of(), true, true, null, null, null));
        }
        for (ColumnSpec c : t.columns()) {
            AttributeType type = AttributeType.fromFixture(c.type()).orElseThrow(() -> new FixtureException(
                    "Table " + logical + ", column " + c.name() + ": unknown type '" + c.type() + "'"));
            boolean isPrimaryId = c.name().equals(primaryId);
            columns.put(c.name(), new Column(c.name(), type, c.displayName(), c.maxLength() != null ? c.maxLength()
                    : defaultMaxLength(type),
                    c.required() != null ? c.required() : (isPrimaryId ? "SystemRequired" : "None"), c.targets(), c.options(),
                    c.validForCreate() == null || c.validForCreate(), c.validForUpdate() == null ? !isPrimaryId : c.validForUpdate(),
                    c.precision(), c.minValue(), c.maxValue(), c.schemaName(), c.behavior()));
            if (c.behavior() != null && !List.of(Column.USER_LOCAL, Column.DATE_ONLY, Column.TIME_ZONE_INDEPENDENT).contains(c.behavior())) {
                throw new FixtureException("Table " + logical + ", column " + c.name() + ": unknown behavior '" + c.behavior()
                        + "' (UserLocal, DateOnly or TimeZoneIndependent)");
            }
        }
        for (String system : List.of("createdon", "modifiedon")) {
            columns.putIfAbsent(system, new Column(system, AttributeType.DATETIME, system.equals("createdon") ? "Created On" : "Modified On",
                    null, "None", List.of(), Map.of(), false, false, null, null, null));
        }
        // every Dataverse table has versionnumber (BigInt, read only): the row's version, the export's "never older" guard
        columns.putIfAbsent(RowJson.VERSION_NUMBER, new Column(RowJson.VERSION_NUMBER, AttributeType.BIGINT, "Version Number", null, "None",
                List.of(), Map.of(), false, false, null, null, null));
        List<List<String>> keys = t.keys();
        if (t.elastic()) {
            // Elastic tables: identity = primary key + partitionid; their only key is KeyForNoSqlEntityWithPKPartitionId
            // and custom alternate keys are not supported (learn.microsoft.com/power-apps/developer/data-platform/elastic-tables).
            if (!keys.isEmpty()) {
                throw new FixtureException("Table " + logical + ": an elastic table cannot have alternate keys (its key is "
                        + ELASTIC_KEY + ")");
            }
            columns.putIfAbsent(PARTITION_ID, new Column(PARTITION_ID, AttributeType.STRING, "Partition Id", 1024, "None",
                    List.of(), Map.of(), true, false, null, null, null));
            keys = List.of(List.of(primaryId, PARTITION_ID));
        }
        for (List<String> key : keys) {
            for (String k : key) {
                if (!columns.containsKey(k)) {
                    throw new FixtureException("Table " + logical + ": alternate key column " + k + " is not a column");
                }
            }
        }
        String set = t.entitySetName() != null ? t.entitySetName() : logical + "s";
        return new TableSchema(logical, set, t.displayName() != null ? t.displayName() : logical, primaryId, t.primaryName(),
                t.changeTracking(), t.elastic(), t.objectTypeCode() != null ? t.objectTypeCode() : defaultTypeCode,
                columns.values(), keys);
    }

    private static Integer defaultMaxLength(AttributeType type) {
        return switch (type) {
            case STRING -> 100;
            case MEMO -> 2000;
            default -> null;
        };
    }

    private static void insert(EnvironmentData data, EnvironmentData.Journal journal, Table table, Map<String, Object> raw,
                               UUID defaultId, String where) {
        TableSchema schema = table.schema();
        Map<String, Object> values = new HashMap<>();
        Map<String, String> targets = new HashMap<>();
        try {
            for (Map.Entry<String, Object> e : raw.entrySet()) {
                Column column = schema.property(e.getKey()).or(() -> schema.column(e.getKey()))
                        .orElseThrow(() -> new IllegalArgumentException("unknown column " + e.getKey()));
                Object value = ValueCodec.fromFixture(schema, column, e.getValue());
                values.put(column.valueProperty(), value);
                if (column.type().isLookup() && value != null) {
                    targets.put(column.valueProperty(), column.targets().isEmpty() ? "" : column.targets().get(0));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new FixtureException("Table " + schema.logicalName() + ", " + where + ": " + e.getMessage(), e);
        }
        UUID id = (UUID) values.computeIfAbsent(schema.primaryId(), k -> defaultId);
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        values.putIfAbsent("createdon", now);
        values.putIfAbsent("modifiedon", now);
        if (table.row(id).isPresent()) {
            throw new FixtureException("Table " + schema.logicalName() + ", " + where + ": duplicate id " + id);
        }
        data.write(journal, table, id, values, targets);
    }

    /** Ids for rows without one are derived from their position, so a fixture gives the same ids every run. */
    private static UUID rowId(String env, String table, String kind, int n, long seed) {
        return UUID.nameUUIDFromBytes((env + "/" + table + "/" + kind + "/" + n + "/" + seed).getBytes(StandardCharsets.UTF_8));
    }
}
