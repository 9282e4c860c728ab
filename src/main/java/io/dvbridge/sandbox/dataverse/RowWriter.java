package io.dvbridge.sandbox.dataverse;

import io.dvbridge.sandbox.http.SandboxRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a JSON request body to a row the way Dataverse does: typed values validated against the
 * column, lookups set through {@code <navigation>@odata.bind}, required columns enforced on create,
 * alternate keys kept unique.
 */
final class RowWriter {

    private static final String OVERRIDDEN_CREATED_ON = "overriddencreatedon";
    private static final Pattern BIND = Pattern.compile("^(?:.*/api/data/v9\\.\\d/|/)?([A-Za-z0-9_]+)\\((.+)\\)$");
    private final EnvironmentData data;

    RowWriter(EnvironmentData data) {
        this.data = data;
    }

    /** Creates a row; {@code id} and {@code keyValues} come from the URL of an upsert that found nothing. */
    StoredRow create(EnvironmentData.Journal journal, Table table, ObjectNode body, Optional<UUID> id,
                     Map<String, Object> keyValues, UnaryOperator<String> contentReferences) {
        return create(journal, table, CreateBody.of(table.schema(), body), id, keyValues, contentReferences);
    }

    /**
     * Creates a row from a body converted before (maybe outside the writer lock, see {@link CreateBody}); the
     * body must have been converted against {@code table}'s current schema.
     */
    StoredRow create(EnvironmentData.Journal journal, Table table, CreateBody body, Optional<UUID> id,
                     Map<String, Object> keyValues, UnaryOperator<String> contentReferences) {
        TableSchema schema = table.schema();
        Map<String, Object> values = new HashMap<>(keyValues);
        Map<String, String> targets = new HashMap<>();
        body.replay(this, schema, values, targets, contentReferences);
        UUID rowId = id.orElseGet(() -> values.get(schema.primaryId()) instanceof UUID u ? u : UUID.randomUUID());
        if (values.get(schema.primaryId()) instanceof UUID given && !given.equals(rowId)) {
            throw DataverseError.badRequest("The primary key " + given + " in the body does not match the key " + rowId + " in the URL.");
        }
        if (table.row(rowId).isPresent()) {
            throw new DataverseError(412, DataverseError.DUPLICATE_RECORD, "A record with matching key values already exists.");
        }
        values.put(schema.primaryId(), rowId);
        for (Column c : schema.columns()) {
            if (c.systemRequired() && !c.name().equals(schema.primaryId()) && values.get(c.valueProperty()) == null) {
                throw new DataverseError(400, DataverseError.REQUIRED, "Attribute '" + c.name() + "' of entity '"
                        + schema.logicalName() + "' cannot be NULL: it is system required.");
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // overriddencreatedon ("Date and time that the record was migrated") is Dataverse's way to give a
        // migrated record its original creation date: the create stores it as createdon, and
        // overriddencreatedon then holds when the row was really created (data-migration practice, e.g.
        // powerupwithazure.blogspot.com/2026/05/understanding-historical-field-updates.html).
        boolean migrated = values.get(OVERRIDDEN_CREATED_ON) instanceof Instant;
        values.put("createdon", migrated ? values.get(OVERRIDDEN_CREATED_ON) : now);
        if (migrated) {
            values.put(OVERRIDDEN_CREATED_ON, now);
        }
        values.put("modifiedon", now);
        checkKeys(table, rowId, values);
        return data.write(journal, table, rowId, values, targets);
    }

    StoredRow update(EnvironmentData.Journal journal, Table table, StoredRow existing, ObjectNode body,
                     UnaryOperator<String> contentReferences) {
        TableSchema schema = table.schema();
        Map<String, Object> values = new HashMap<>(existing.values());
        Map<String, String> targets = new HashMap<>(existing.lookupTargets());
        applyUpdate(schema, body, values, targets, contentReferences);
        if (!existing.id().equals(values.get(schema.primaryId()))) {
            throw DataverseError.badRequest("The primary key in the body does not match the key " + existing.id() + " in the URL.");
        }
        for (Column c : schema.columns()) {
            if (c.systemRequired() && values.get(c.valueProperty()) == null) {
                throw new DataverseError(400, DataverseError.REQUIRED, "Attribute '" + c.name() + "' of entity '"
                        + schema.logicalName() + "' cannot be NULL: it is system required.");
            }
        }
        values.put("modifiedon", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        checkKeys(table, existing.id(), values);
        return data.write(journal, table, existing.id(), values, targets);
    }

    /** An update's body onto the row's values (a create's goes through {@link CreateBody}). */
    private void applyUpdate(TableSchema schema, ObjectNode body, Map<String, Object> values, Map<String, String> targets,
                             UnaryOperator<String> contentReferences) {
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (name.endsWith("@odata.bind")) {
                bind(schema, name.substring(0, name.length() - "@odata.bind".length()), field.getValue(), values, targets, contentReferences);
                continue;
            }
            if (name.contains("@")) {
                continue; // other annotations, e.g. @odata.type or @odata.etag, carry no column value
            }
            Column column = schema.property(name).orElseThrow(() -> unknownProperty(schema, name));
            if (!column.validForUpdate()) {
                if (column.name().equals(schema.primaryId()) && ValueCodec.fromJson(schema, column, field.getValue())
                        instanceof UUID same && same.equals(values.get(schema.primaryId()))) {
                    continue; // repeating a row's own id in an update is harmless
                }
                if (schema.elastic() && column.name().equals(TableFactory.PARTITION_ID)
                        && field.getValue().isTextual() && field.getValue().asText().equals(values.get(TableFactory.PARTITION_ID))) {
                    continue; // so is repeating an elastic row's own partition (it is immutable)
                }
                throw new DataverseError(400, DataverseError.VALIDATION, "A validation error occurred. The '" + column.name()
                        + "' attribute of the '" + schema.logicalName() + "' entity is not valid for update.");
            }
            values.put(column.valueProperty(), ValueCodec.fromJson(schema, column, field.getValue()));
        }
    }

    void bind(TableSchema schema, String navigation, JsonNode value, Map<String, Object> values,
              Map<String, String> targets, UnaryOperator<String> contentReferences) {
        Navigation nav = navigation(schema, navigation).orElseThrow(() -> DataverseError.payload(schema.entitySetName(),
                "An undeclared property '" + navigation + "' which only has property annotations in the payload but no property value was found in the payload."));
        Column column = nav.column();
        if (value == null || value.isNull()) {
            values.put(column.valueProperty(), null);
            targets.remove(column.valueProperty());
            return;
        }
        if (!value.isTextual()) {
            throw DataverseError.payload(schema.entitySetName(), "The value of '" + navigation + "@odata.bind' must be a URL string.");
        }
        String reference = contentReferences.apply(value.textValue().trim());
        Matcher m = BIND.matcher(reference);
        if (!m.matches()) {
            throw DataverseError.badRequest("The value '" + value.textValue() + "' of '" + navigation + "@odata.bind' is not a valid entity reference.");
        }
        Table target = data.tableBySet(m.group(1)).orElseThrow(() -> DataverseError.segmentNotFound(m.group(1)));
        String targetTable = target.schema().logicalName();
        if (nav.target().filter(t -> !t.equals(targetTable)).isPresent()) {
            // A multi-table lookup has one navigation property per target, typed to that target's entity type.
            throw DataverseError.badRequest("The navigation property '" + navigation + "' refers to entity type '"
                    + nav.target().get() + "', but the reference '" + value.textValue() + "' is a '" + targetTable + "'.");
        }
        if (!column.targets().isEmpty() && column.targets().stream().noneMatch(t -> t.equals(targetTable))) {
            throw DataverseError.badRequest("Lookup '" + column.name() + "' cannot point to a '" + targetTable
                    + "' record (allowed: " + String.join(", ", column.targets()) + ").");
        }
        EntityKey key = EntityKey.parse(target.schema(), SandboxRequest.decodePath(m.group(2)));
        StoredRow row = key.id().flatMap(target::row).or(() -> key.id().isEmpty() ? target.findByKey(key.alternate()) : Optional.empty())
                .orElseThrow(() -> DataverseError.notFound(targetTable, key.describe()));
        values.put(column.valueProperty(), row.id());
        targets.put(column.valueProperty(), targetTable);
    }

    /**
     * A create's body turned into stored values field by field, in the body's order, without reading any row or
     * table: it depends on the schema alone, so a bulk request converts its targets before it takes the writer
     * lock. Conversion errors are kept, not thrown, and {@link #replay} throws them at the field where {@code apply}
     * would have, after any lookup bound before it: errors and their order are the same as converting under the lock.
     */
    static final class CreateBody {
        private interface Step {
        }

        private record Value(String property, Object value) implements Step {
        }

        private record Failure(DataverseError error) implements Step {
        }

        /** {@code <navigation>@odata.bind}: resolving it reads the target table, so only under the lock. */
        private record Bind(String navigation, JsonNode value) implements Step {
        }

        private final TableSchema schema;
        private final List<Step> steps;

        private CreateBody(TableSchema schema, List<Step> steps) {
            this.schema = schema;
            this.steps = steps;
        }

        static CreateBody of(TableSchema schema, ObjectNode body) {
            List<Step> steps = new ArrayList<>(body.size());
            for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey();
                if (name.endsWith("@odata.bind")) {
                    steps.add(new Bind(name.substring(0, name.length() - "@odata.bind".length()), field.getValue()));
                    continue;
                }
                if (name.contains("@")) {
                    continue; // other annotations, e.g. @odata.type or @odata.etag, carry no column value
                }
                try {
                    Column column = schema.property(name).orElseThrow(() -> unknownProperty(schema, name));
                    if (!column.validForCreate()) {
                        throw new DataverseError(400, DataverseError.VALIDATION, "A validation error occurred. The '" + column.name()
                                + "' attribute of the '" + schema.logicalName() + "' entity is not valid for create.");
                    }
                    steps.add(new Value(column.valueProperty(), ValueCodec.fromJson(schema, column, field.getValue())));
                } catch (DataverseError e) {
                    steps.add(new Failure(e));
                    break; // nothing after the first error is ever looked at
                }
            }
            return new CreateBody(schema, steps);
        }

        /** Whether this body was converted against {@code current} (a metadata change in between voids it). */
        boolean convertedFor(TableSchema current) {
            return schema == current;
        }

        private void replay(RowWriter writer, TableSchema current, Map<String, Object> values, Map<String, String> targets,
                            UnaryOperator<String> contentReferences) {
            if (!convertedFor(current)) {
                throw new IllegalStateException("body converted against another schema of " + current.logicalName());
            }
            for (Step step : steps) {
                if (step instanceof Value v) {
                    values.put(v.property(), v.value());
                } else if (step instanceof Bind b) {
                    writer.bind(current, b.navigation(), b.value(), values, targets, contentReferences);
                } else {
                    throw ((Failure) step).error();
                }
            }
        }
    }

    private static DataverseError unknownProperty(TableSchema schema, String name) {
        return DataverseError.payload(schema.entitySetName(), "The property '" + name + "' does not exist on type 'Microsoft.Dynamics.CRM."
                + schema.logicalName() + "'. Make sure to only use property names that are defined by the type or mark the type as open type.");
    }

    /** A lookup column reached through one of its navigation properties; {@code target} for a multi-table lookup's. */
    private record Navigation(Column column, Optional<String> target) {
    }

    /**
     * The lookup a navigation property names. Like Dataverse, only the exact name counts (OData names
     * are case-sensitive): the SchemaName for a single-table or owner lookup (e.g.
     * {@code msdyn_DataInsightsAndAnalyticsFeatureId}, {@code ownerid}), {@code <SchemaName>_<target>}
     * for each target of a customer or other multi-table lookup (e.g. {@code parentcustomerid_account}).
     */
    private static Optional<Navigation> navigation(TableSchema schema, String navigation) {
        for (Column c : schema.columns()) {
            if (!c.type().isLookup()) {
                continue;
            }
            if (!c.polymorphic() && c.schemaName().equals(navigation)) {
                return Optional.of(new Navigation(c, Optional.empty()));
            }
            if (c.polymorphic()) {
                for (String target : c.targets()) {
                    if (c.navigationProperty(target).equals(navigation)) {
                        return Optional.of(new Navigation(c, Optional.of(target)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static void checkKeys(Table table, UUID id, Map<String, Object> values) {
        table.duplicateKey(id, values).ifPresent(key -> {
            throw new DataverseError(412, DataverseError.DUPLICATE_KEY, "A record that has the attribute values "
                    + String.join(", ", key) + " already exists. The entity key requires that this set of attributes"
                    + " contains unique values. Select unique values and try again.");
        });
    }
}
