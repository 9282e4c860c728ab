package io.dvbridge.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Data Export Service's system tables, refreshed for each exported table when it is prepared: the labels of
 * its choices ({@code <prefix>_optionsetmetadata}), states and statuses, the tables its lookups point at
 * ({@code _targetmetadata}), its columns ({@code _attributemetadata}), and, when asked for, {@code _deletelog}.
 * Global option sets are not told apart from local ones: every choice's labels are in optionsetmetadata.
 */
public final class MetadataTables {

    /** A system table: its name and columns (text columns are 400 characters at most). */
    public record Table(String name, List<SinkColumn> columns) {
    }

    private MetadataTables() {
    }

    static String deleteLog(String prefix) {
        return SqlNames.tableName(prefix, "deletelog");
    }

    static List<Table> tables(String prefix, boolean deleteLog) {
        List<Table> tables = new ArrayList<>(List.of(
                table(prefix, "optionsetmetadata", "entityname", "optionsetname", "#option", "#localizedlabellanguagecode", "localizedlabel"),
                table(prefix, "statemetadata", "entityname", "#state", "#localizedlabellanguagecode", "localizedlabel"),
                table(prefix, "statusmetadata", "entityname", "#status", "#localizedlabellanguagecode", "localizedlabel"),
                table(prefix, "targetmetadata", "entityname", "attributename", "referencedentity", "referencedattribute"),
                table(prefix, "attributemetadata", "entityname", "attributename", "attributetype", "#maxlength")));
        if (deleteLog) {
            tables.add(new Table(deleteLog(prefix), List.of(new SinkColumn("entityname", ColumnKind.TEXT, 128, ""),
                    new SinkColumn("recordid", ColumnKind.GUID, 0, ""), new SinkColumn("sinkdeletetime", ColumnKind.SINK_TIME, 0, ""),
                    new SinkColumn("versionnumber", ColumnKind.BIGINT, 0, ""))));
        }
        return tables;
    }

    /** {@code #name} is an integer column, the others text. */
    private static Table table(String prefix, String name, String... columns) {
        List<SinkColumn> sinkColumns = new ArrayList<>();
        for (String column : columns) {
            sinkColumns.add(column.startsWith("#") ? new SinkColumn(column.substring(1), ColumnKind.INTEGER, 0, "")
                    : new SinkColumn(column, ColumnKind.TEXT, 400, ""));
        }
        return new Table(SqlNames.tableName(prefix, name), sinkColumns);
    }

    static String create(SqlDialect dialect, Table table) {
        return "CREATE TABLE " + dialect.quote(table.name()) + " (" + table.columns().stream()
                .map(c -> dialect.quote(c.name()) + " " + dialect.type(c.kind(), c.maxLength())).collect(Collectors.joining(", ")) + ")";
    }

    /** Replaces the table's rows in each metadata table, inside the caller's transaction. */
    static void refresh(Connection connection, SqlDialect dialect, String prefix, SourceTable source) throws SQLException {
        List<Table> tables = tables(prefix, false);
        List<List<Object>> options = new ArrayList<>();
        List<List<Object>> states = new ArrayList<>();
        List<List<Object>> statuses = new ArrayList<>();
        for (ChoiceLabel label : source.labels()) {
            switch (label.kind()) {
                case "state" -> states.add(List.of(source.logicalName(), label.value(), label.languageCode(), label.label()));
                case "status" -> statuses.add(List.of(source.logicalName(), label.value(), label.languageCode(), label.label()));
                default -> options.add(List.of(source.logicalName(), label.column(), label.value(), label.languageCode(), label.label()));
            }
        }
        List<List<Object>> targets = new ArrayList<>();
        List<List<Object>> attributes = new ArrayList<>();
        for (SourceColumn column : source.columns()) {
            for (String target : column.targets()) {
                targets.add(List.of(source.logicalName(), column.name(), target, ""));
            }
            attributes.add(List.of(source.logicalName(), column.name(), column.attributeType(), column.maxLength()));
        }
        replace(connection, dialect, tables.get(0), source.logicalName(), options);
        replace(connection, dialect, tables.get(1), source.logicalName(), states);
        replace(connection, dialect, tables.get(2), source.logicalName(), statuses);
        replace(connection, dialect, tables.get(3), source.logicalName(), targets);
        replace(connection, dialect, tables.get(4), source.logicalName(), attributes);
    }

    private static void replace(Connection connection, SqlDialect dialect, Table table, String entity, List<List<Object>> rows)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + dialect.quote(table.name()) + " WHERE "
                + dialect.quote("entityname") + " = ?")) {
            delete.setString(1, entity);
            delete.executeUpdate();
        }
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + dialect.quote(table.name()) + " ("
                + dialect.quoted(table.columns().stream().map(SinkColumn::name).toList()) + ") VALUES ("
                + SqlDialect.placeholders(table.columns().size()) + ")")) {
            for (List<Object> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    dialect.bind(insert, i + 1, table.columns().get(i).kind(), row.get(i));
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
