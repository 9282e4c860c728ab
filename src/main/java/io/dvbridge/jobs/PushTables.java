package io.dvbridge.jobs;

import io.dvbridge.dataverse.AlternateKey;
import io.dvbridge.dataverse.AttributeMetadata;
import io.dvbridge.dataverse.EntityMetadata;
import io.dvbridge.push.Choice;
import io.dvbridge.push.ColumnType;
import io.dvbridge.push.LookupTarget;
import io.dvbridge.push.TableKey;
import io.dvbridge.push.TargetColumn;
import io.dvbridge.push.TargetTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The component's table metadata as the push domain reads it. */
final class PushTables {

    private PushTables() {
    }

    /**
     * @param targets the metadata of the tables the lookups point to, by logical name; a target missing here
     *                (its metadata could not be read) cannot be written to
     */
    static TargetTable of(EntityMetadata table, Map<String, EntityMetadata> targets) {
        List<TargetColumn> columns = new ArrayList<>();
        for (AttributeMetadata a : table.attributes()) {
            List<LookupTarget> lookupTargets = new ArrayList<>();
            for (String target : a.targets()) {
                EntityMetadata referenced = targets.get(target);
                Optional<String> navigation = table.navigationProperty(a.logicalName(), target);
                if (referenced != null && navigation.isPresent()) {
                    lookupTargets.add(new LookupTarget(target, referenced.entitySetName(), referenced.primaryIdAttribute(), navigation.get(),
                            referenced.keys().stream().filter(k -> k.keyAttributes().size() == 1).map(k -> k.keyAttributes().get(0)).toList()));
                }
            }
            columns.add(new TargetColumn(a.logicalName(), ColumnType.of(a.attributeType(), a.attributeTypeName()), a.requiredLevel(),
                    a.validForCreate(), a.validForUpdate(), a.maxLength(), a.minValue(), a.maxValue(), a.precision(),
                    a.options().stream().map(o -> new Choice(o.value(), o.label())).toList(),
                    "DateOnly".equals(a.dateTimeBehavior()), "TimeZoneIndependent".equals(a.dateTimeBehavior()), lookupTargets));
        }
        return new TargetTable(table.logicalName(), table.entitySetName(), table.primaryIdAttribute(), columns,
                table.keys().stream().map(PushTables::key).toList());
    }

    /** The tables the lookups a push may write point to: of the source's columns when it names them, else of every writable lookup. */
    static List<String> lookupTables(EntityMetadata table, List<String> sourceColumns) {
        List<String> names = new ArrayList<>();
        for (AttributeMetadata a : table.attributes()) {
            boolean named = sourceColumns.isEmpty() ? a.validForCreate() || a.validForUpdate() : sourceColumns.contains(a.logicalName());
            if (named) {
                a.targets().stream().filter(t -> !names.contains(t)).forEach(names::add);
            }
        }
        return names;
    }

    private static TableKey key(AlternateKey key) {
        return new TableKey(key.logicalName(), key.keyAttributes());
    }
}
