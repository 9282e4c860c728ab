package io.dvbridge.push;

import java.util.List;
import java.util.Optional;

/** The table rows are pushed into, as its metadata describes it; columns in the metadata's order. */
public record TargetTable(String logicalName, String entitySetName, String primaryId, List<TargetColumn> columns,
                          List<TableKey> keys) {

    public TargetTable {
        columns = List.copyOf(columns);
        keys = List.copyOf(keys);
    }

    public Optional<TargetColumn> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Optional<TableKey> key(String name) {
        return keys.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /**
     * The columns a source must have, in this order, under {@code --strict-columns}: every column the mode
     * may write, except the primary id (an identity, not data) and the columns the platform sets (owner,
     * state, status, and the base-currency copies of money columns).
     */
    public List<String> strictColumns(WriteMode mode) {
        return columns.stream()
                .filter(c -> c.validFor(mode) && c.type() != ColumnType.UNSUPPORTED && !c.name().equals(primaryId)
                        && !c.name().equals("ownerid") && !c.name().equals("statecode") && !c.name().equals("statuscode")
                        && !c.name().endsWith("_base") && !c.name().equals("transactioncurrencyid") && !c.name().equals("exchangerate"))
                .map(TargetColumn::name).toList();
    }
}
