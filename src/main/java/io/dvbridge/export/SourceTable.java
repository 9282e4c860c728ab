package io.dvbridge.export;

import java.util.List;
import java.util.Optional;

/**
 * A Dataverse table as the export sees it: names, key, whether it is elastic (keyed by id and partitionid)
 * and change-tracked, the columns to export (the primary id, versionnumber and partitionid are not among them:
 * the layout adds them), and the labels of its choices.
 */
public record SourceTable(String logicalName, String entitySet, String primaryId, boolean elastic, boolean changeTracking,
                          List<SourceColumn> columns, List<ChoiceLabel> labels) {

    public SourceTable {
        SqlNames.requireSafe(logicalName, "table");
        SqlNames.requireSafe(primaryId, "primary id");
        columns = columns.stream().filter(c -> !c.name().equals(primaryId) && !c.name().equals(TableLayout.VERSION)
                && !c.name().equals(TableLayout.PARTITION)).toList();
        labels = List.copyOf(labels);
    }

    public Optional<SourceColumn> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** What to ask the Web API for: the primary id, every column, versionnumber and, for elastic tables, partitionid. */
    public List<String> select() {
        List<String> select = new java.util.ArrayList<>();
        select.add(primaryId);
        columns.forEach(c -> select.add(c.webApiProperty()));
        select.add(TableLayout.VERSION);
        if (elastic) {
            select.add(TableLayout.PARTITION);
        }
        return select;
    }
}
