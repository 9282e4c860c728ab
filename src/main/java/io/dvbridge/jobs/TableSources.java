package io.dvbridge.jobs;

import io.dvbridge.dataverse.AttributeMetadata;
import io.dvbridge.dataverse.EntityMetadata;
import io.dvbridge.dataverse.LookupRelationship;
import io.dvbridge.dataverse.OptionMetadata;
import io.dvbridge.export.ChoiceLabel;
import io.dvbridge.export.ColumnKind;
import io.dvbridge.export.SourceColumn;
import io.dvbridge.export.SourceTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A table's Dataverse metadata as the export domain sees it: which columns go out, as which kind of value. */
final class TableSources {

    /** Labels come in the caller's language; the metadata API gives one, reported as this code (English, United States). */
    private static final int LANGUAGE = 1033;

    private TableSources() {
    }

    /**
     * @param skipped receives a note for each column that cannot be exported (files, images, virtual columns, odd names)
     */
    static SourceTable of(EntityMetadata metadata, List<String> skipped) {
        List<SourceColumn> columns = new ArrayList<>();
        List<ChoiceLabel> labels = new ArrayList<>();
        boolean elastic = metadata.attribute("partitionid").isPresent();
        for (AttributeMetadata attribute : metadata.attributes()) {
            String name = attribute.logicalName();
            if (name.equals(metadata.primaryIdAttribute()) || name.equals("versionnumber") || name.equals("partitionid")) {
                continue;
            }
            Optional<ColumnKind> kind = kind(attribute);
            if (kind.isEmpty() || !name.matches("[a-z][a-z0-9_]{0,127}")) {
                skipped.add("column " + name + " (" + attribute.attributeType() + ") is not exported");
                continue;
            }
            List<String> targets = metadata.lookups().stream().filter(l -> l.referencingAttribute().equals(name))
                    .map(LookupRelationship::referencedEntity).distinct().toList();
            columns.add(new SourceColumn(name, kind.get(), attribute.attributeType(),
                    kind.get() == ColumnKind.TEXT ? attribute.maxLength().orElse(4000) : 0, targets));
            String labelKind = switch (attribute.attributeType()) {
                case "State" -> "state";
                case "Status" -> "status";
                default -> "option";
            };
            for (OptionMetadata option : attribute.options()) {
                labels.add(new ChoiceLabel(name, labelKind, option.value(), option.label(), LANGUAGE));
            }
        }
        return new SourceTable(metadata.logicalName(), metadata.entitySetName(), metadata.primaryIdAttribute(), elastic,
                metadata.changeTrackingEnabled(), columns, labels);
    }

    private static Optional<ColumnKind> kind(AttributeMetadata attribute) {
        return Optional.ofNullable(switch (attribute.attributeType().toLowerCase(Locale.ROOT)) {
            case "uniqueidentifier" -> ColumnKind.GUID;
            case "lookup", "customer", "owner" -> ColumnKind.LOOKUP;
            case "string", "entityname" -> ColumnKind.TEXT;
            case "memo", "multiselectpicklist" -> ColumnKind.MEMO;
            case "integer" -> ColumnKind.INTEGER;
            case "bigint" -> ColumnKind.BIGINT;
            case "decimal", "money" -> ColumnKind.DECIMAL;
            case "double" -> ColumnKind.DOUBLE;
            case "boolean" -> ColumnKind.BOOLEAN;
            case "datetime" -> "DateOnly".equals(attribute.dateTimeBehavior()) ? ColumnKind.DATE : ColumnKind.DATETIME;
            case "picklist", "state", "status" -> ColumnKind.CHOICE;
            default -> null;
        });
    }
}
