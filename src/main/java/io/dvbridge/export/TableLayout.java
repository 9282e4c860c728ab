package io.dvbridge.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a table lands in a sink, in the Data Export Service's layout (reference D): {@code <prefix>_<table>}, the
 * record id in {@code id} (plus {@code partitionid} for elastic tables) as the key, every exported column by
 * its logical name, a lookup as its id plus {@code <column>_entitytype}, {@code versionnumber} (a row is never
 * overwritten by an older version), and {@code sinkcreatedon}/{@code sinkmodifiedon}.
 */
public final class TableLayout {

    public static final String ID = "id";
    public static final String PARTITION = "partitionid";
    public static final String VERSION = "versionnumber";
    public static final String SINK_CREATED = "sinkcreatedon";
    public static final String SINK_MODIFIED = "sinkmodifiedon";
    /** The Web API's annotation with the table a lookup points at (asked for with odata.include-annotations). */
    public static final String LOOKUP_TABLE_ANNOTATION = "@Microsoft.Dynamics.CRM.lookuplogicalname";

    private final SourceTable source;
    private final String name;
    private final List<SinkColumn> columns;

    public TableLayout(SourceTable source, String prefix) {
        this.source = source;
        this.name = SqlNames.tableName(prefix, source.logicalName());
        List<SinkColumn> all = new ArrayList<>();
        all.add(new SinkColumn(ID, ColumnKind.GUID, 0, source.primaryId()));
        if (source.elastic()) {
            all.add(new SinkColumn(PARTITION, ColumnKind.PARTITION, 1024, PARTITION));
        }
        for (SourceColumn column : source.columns()) {
            all.add(new SinkColumn(column.name(), column.kind(), column.maxLength(), column.webApiProperty()));
            if (column.lookup()) {
                all.add(new SinkColumn(column.name() + "_entitytype", ColumnKind.ENTITY_TYPE, 128,
                        column.webApiProperty() + LOOKUP_TABLE_ANNOTATION));
            }
        }
        all.add(new SinkColumn(VERSION, ColumnKind.BIGINT, 0, VERSION));
        all.add(new SinkColumn(SINK_CREATED, ColumnKind.SINK_TIME, 0, ""));
        all.add(new SinkColumn(SINK_MODIFIED, ColumnKind.SINK_TIME, 0, ""));
        this.columns = List.copyOf(all);
    }

    public SourceTable source() {
        return source;
    }

    /** The sink table's name, e.g. {@code dvb_msdynci_customerprofile}. */
    public String name() {
        return name;
    }

    public List<SinkColumn> columns() {
        return columns;
    }

    public List<String> columnNames() {
        return columns.stream().map(SinkColumn::name).toList();
    }

    public Optional<SinkColumn> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The key: the id, plus partitionid for elastic tables. */
    public List<String> key() {
        return source.elastic() ? List.of(ID, PARTITION) : List.of(ID);
    }

    /** Columns an update sets: all but the key and sinkcreatedon; versionnumber last (MariaDB assigns left to right). */
    public List<String> updatable() {
        List<String> names = new ArrayList<>(columnNames());
        names.removeAll(key());
        names.remove(SINK_CREATED);
        names.remove(VERSION);
        names.add(VERSION);
        return names;
    }
}
